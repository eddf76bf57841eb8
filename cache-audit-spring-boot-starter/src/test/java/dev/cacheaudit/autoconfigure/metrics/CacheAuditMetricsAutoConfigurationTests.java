package dev.cacheaudit.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.CacheAuditAutoConfiguration;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.metrics.CacheAuditMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class CacheAuditMetricsAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(CacheAuditAutoConfiguration.class, CacheAuditMetricsAutoConfiguration.class));

    @Test
    void auditorsMetersAreConfiguredForTheAuditor() {
        contextRunner.run(context -> {
            assertThat(context).hasSingleBean(CacheAuditMetrics.class);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(CacheAuditMetrics.class).bindTo(registry);
            assertThat(registry.find("cache.audit.events.dropped").meter()).isNotNull();
        });
    }

    @Test
    void auditorsMetersAreConfiguredForAUserDefinedAuditor() {
        contextRunner.withUserConfiguration(UserAudit.class).run(context -> {
            assertThat(context).hasSingleBean(CacheAuditMetrics.class);
            assertThat(context.getBean(CacheAudit.class).application()).isEqualTo("mine");
        });
    }

    @Test
    void auditorsMetersBackOffWhenUserDefinesThem() {
        contextRunner.withUserConfiguration(UserMetrics.class).run(context -> assertThat(
                        context.getBean(CacheAuditMetrics.class))
                .isSameAs(context.getBean(UserMetrics.class).metrics));
    }

    @Test
    void auditorsMetersAreDisabledWithAuditing() {
        contextRunner.withPropertyValues("cache-audit.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(CacheAuditMetrics.class);
        });
    }

    @Test
    void auditorsMetersAreNotConfiguredWithoutMicrometerOnClasspath() {
        contextRunner
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> {
                    assertThat(context).hasSingleBean(CacheAudit.class);
                    assertThat(context).doesNotHaveBean(CacheAuditMetrics.class);
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
    static class UserMetrics {

        private final CacheAudit audit = CacheAudit.builder().build();

        final CacheAuditMetrics metrics = new CacheAuditMetrics(audit);

        @Bean
        CacheAudit cacheAudit() {
            return audit;
        }

        @Bean
        CacheAuditMetrics userMetrics() {
            return metrics;
        }
    }
}
