package dev.cacheaudit.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.actuate.CacheAuditEndpoint;
import dev.cacheaudit.autoconfigure.actuate.CacheAuditEndpointAutoConfiguration;
import dev.cacheaudit.autoconfigure.cache.AuditingCache;
import dev.cacheaudit.autoconfigure.cache.CacheInterceptorTracking;
import dev.cacheaudit.autoconfigure.cache.CacheRecorder;
import dev.cacheaudit.autoconfigure.data.RepositoryWriteRecorder;
import dev.cacheaudit.autoconfigure.metrics.CacheAuditMetricsAutoConfiguration;
import dev.cacheaudit.autoconfigure.redis.LettuceCommandRecorder;
import dev.cacheaudit.autoconfigure.redis.LettuceListenerRegistrar;
import dev.cacheaudit.autoconfigure.support.TransactionProbe;
import dev.cacheaudit.autoconfigure.tx.SpringTransactionProbe;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.metrics.CacheAuditMetrics;
import dev.cacheaudit.core.report.AuditReport;
import dev.cacheaudit.core.report.ReportReader;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class CacheAuditAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    CacheAuditAutoConfiguration.class,
                    CacheAuditMetricsAutoConfiguration.class,
                    CacheAuditEndpointAutoConfiguration.class));

    @Test
    void auditorAndRecordingLayerAreConfiguredByDefault() {
        contextRunner.run(context -> {
            assertThat(context).hasSingleBean(CacheAudit.class);
            assertThat(context).hasSingleBean(CacheRecorder.class);
            assertThat(context).hasSingleBean(CacheInterceptorTracking.class);
            assertThat(context).hasSingleBean(CacheAuditMetrics.class);
            assertThat(context).hasSingleBean(RepositoryWriteRecorder.class);
            assertThat(context).hasSingleBean(LettuceCommandRecorder.class);
            assertThat(context).getBean(TransactionProbe.class).isInstanceOf(SpringTransactionProbe.class);
        });
    }

    @Test
    void auditingIsDisabledByProperty() {
        contextRunner.withPropertyValues("cache-audit.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(CacheAudit.class);
            assertThat(context).doesNotHaveBean(CacheInterceptorTracking.class);
            assertThat(context).doesNotHaveBean(CacheAuditEndpoint.class);
        });
    }

    @Test
    void auditorBacksOffWhenUserDefinesOne() {
        contextRunner.withUserConfiguration(UserAudit.class).run(context -> {
            assertThat(context).hasSingleBean(CacheAudit.class);
            assertThat(context.getBean(CacheAudit.class).application()).isEqualTo("mine");
        });
    }

    @Test
    void propertiesAreValidatedWhenUserDefinesTheAuditor() {
        contextRunner
                .withUserConfiguration(UserAudit.class)
                .withPropertyValues("cache-audit.limits.max-findings=0")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                            .hasMessageContaining("cache-audit.limits.max-findings");
                });
    }

    @Test
    void applicationNameComesFromSpringApplicationName() {
        contextRunner
                .withPropertyValues("spring.application.name=orders-service")
                .run(context -> assertThat(context.getBean(CacheAudit.class).application())
                        .isEqualTo("orders-service"));
    }

    @Test
    void hitSampleRateOutOfRangeFailsStartupNamingTheProperty() {
        contextRunner
                .withPropertyValues("cache-audit.recording.hit-sample-rate=1.5")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                            .hasMessageContaining("cache-audit.recording.hit-sample-rate")
                            .hasMessageContaining("between 0 and 1");
                });
    }

    @Test
    void nonPositiveQueueCapacityFailsStartupNamingTheProperty() {
        contextRunner.withPropertyValues("cache-audit.limits.queue-capacity=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("cache-audit.limits.queue-capacity");
        });
    }

    @Test
    void unknownRedactionModeFailsStartupNamingTheProperty() {
        contextRunner
                .withPropertyValues("cache-audit.redaction.keys=everything")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOf(BeanCreationException.class);
                    assertThat(context.getStartupFailure()).hasStackTraceContaining("cache-audit.redaction.keys");
                });
    }

    @Test
    void reportPathThatIsADirectoryFailsStartup(@TempDir Path directory) {
        contextRunner.withPropertyValues("cache-audit.report.path=" + directory).run(context -> assertThat(
                        context.getStartupFailure())
                .rootCause()
                .hasMessageContaining("cache-audit.report.path"));
    }

    @Test
    void reportIsWrittenAtShutdownWhenAPathIsSet(@TempDir Path directory) throws Exception {
        Path report = directory.resolve("nested/report.json");
        contextRunner
                .withPropertyValues("cache-audit.report.path=" + report, "spring.application.name=svc")
                .withUserConfiguration(MapCaches.class)
                .run(context ->
                        context.getBean(CacheManager.class).getCache("users").get(1L));

        assertThat(report).exists();
        try (Reader in = Files.newBufferedReader(report)) {
            AuditReport read = new ReportReader().read(in);
            assertThat(read.application()).isEqualTo("svc");
            assertThat(read.caches()).singleElement().satisfies(cache -> {
                assertThat(cache.name()).isEqualTo("users");
                assertThat(cache.misses()).isEqualTo(1);
            });
        }
        Path html = directory.resolve("nested/report.html");
        assertThat(html).exists();
        assertThat(Files.readString(html)).contains("<b>svc</b>", "<td><code>users</code></td>");
    }

    @Test
    void noReportLifecycleWithoutAPath() {
        contextRunner.run(context -> assertThat(context).doesNotHaveBean(CacheAuditReportLifecycle.class));
    }

    @Test
    void cacheManagersAreDecoratedAndKeepTheirType() {
        contextRunner.withUserConfiguration(MapCaches.class).run(context -> {
            ConcurrentMapCacheManager manager = context.getBean(ConcurrentMapCacheManager.class);
            assertThat(manager.getCache("users")).isInstanceOf(AuditingCache.class);
        });
    }

    @Test
    void cacheManagersAreLeftAloneWhenDisabled() {
        contextRunner
                .withPropertyValues("cache-audit.enabled=false")
                .withUserConfiguration(MapCaches.class)
                .run(context -> assertThat(context.getBean(CacheManager.class).getCache("users"))
                        .isNotInstanceOf(AuditingCache.class));
    }

    @Test
    void startsWithoutRedisLettuceSpringDataActuatorOrTransactions() {
        contextRunner
                .withClassLoader(new FilteredClassLoader(
                        "io.lettuce",
                        "org.springframework.data",
                        "org.springframework.boot.actuate",
                        "org.springframework.transaction"))
                .withUserConfiguration(MapCaches.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(CacheAudit.class);
                    assertThat(context).doesNotHaveBean(LettuceListenerRegistrar.class);
                    assertThat(context).doesNotHaveBean(RepositoryWriteRecorder.class);
                    assertThat(context).doesNotHaveBean(CacheAuditEndpoint.class);
                    assertThat(context).doesNotHaveBean(TransactionProbe.class);
                    assertThat(context.getBean(CacheManager.class).getCache("users"))
                            .isInstanceOf(AuditingCache.class);
                });
    }

    @Test
    void redisCommandRecordingIsDisabledByProperty() {
        contextRunner
                .withPropertyValues("cache-audit.recording.redis-commands=false")
                .run(context -> assertThat(context).doesNotHaveBean(LettuceListenerRegistrar.class));
    }

    @Test
    void repositoryWriteRecordingIsDisabledByProperty() {
        contextRunner
                .withPropertyValues("cache-audit.recording.repository-writes=false")
                .run(context -> assertThat(context).doesNotHaveBean(RepositoryWriteRecorder.class));
    }

    @Test
    void endpointIsAvailableWhenExposed() {
        contextRunner
                .withPropertyValues("management.endpoints.web.exposure.include=cacheaudit")
                .run(context -> assertThat(context).hasSingleBean(CacheAuditEndpoint.class));
    }

    @Test
    void endpointIsNotCreatedWhenNotExposed() {
        contextRunner.run(context -> assertThat(context).doesNotHaveBean(CacheAuditEndpoint.class));
    }

    @Test
    void endpointReportsCachesSeen() {
        contextRunner
                .withPropertyValues("management.endpoints.web.exposure.include=cacheaudit")
                .withUserConfiguration(MapCaches.class)
                .run(context -> {
                    context.getBean(CacheManager.class).getCache("users").put(1L, "x");
                    AuditReport report =
                            context.getBean(CacheAuditEndpoint.class).report();
                    assertThat(report.schema()).isEqualTo(AuditReport.SCHEMA);
                    assertThat(report.caches()).singleElement().satisfies(cache -> assertThat(cache.puts())
                            .isEqualTo(1));
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserAudit {

        @Bean
        CacheAudit cacheAudit() {
            return CacheAudit.builder().application("mine").build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class MapCaches {

        @Bean
        ConcurrentMapCacheManager cacheManager() {
            return new ConcurrentMapCacheManager();
        }
    }
}
