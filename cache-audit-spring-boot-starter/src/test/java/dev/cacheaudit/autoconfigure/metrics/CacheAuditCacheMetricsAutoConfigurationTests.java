package dev.cacheaudit.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.CacheAuditAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class CacheAuditCacheMetricsAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    CacheAuditAutoConfiguration.class, CacheAuditCacheMetricsAutoConfiguration.class));

    @Test
    void providerForAuditedCachesIsRegisteredUnderBootsProviderType() {
        contextRunner.run(context -> {
            assertThat(context.getBeansOfType(CacheMeterBinderProvider.class))
                    .containsOnlyKeys(CacheAuditCacheMetricsAutoConfiguration.BEAN_NAME);
            assertThat(context).hasSingleBean(CacheAuditMetricsProperties.class);
        });
    }

    @Test
    void providerBacksOffWhenAuditingIsDisabled() {
        contextRunner.withPropertyValues("cache-audit.enabled=false").run(context -> assertThat(
                        context.getBeansOfType(CacheMeterBinderProvider.class))
                .isEmpty());
    }

    @Test
    void noProviderWithoutBootsCacheMetrics() {
        contextRunner
                .withClassLoader(new FilteredClassLoader(CacheMeterBinderProvider.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(CacheAuditCacheMetricsAutoConfiguration.BEAN_NAME);
                });
    }

    @Test
    void histogramsAreBoundFromTheirProperty() {
        contextRunner.withPropertyValues("cache-audit.metrics.histograms=true").run(context -> assertThat(
                        context.getBean(CacheAuditMetricsProperties.class).isHistograms())
                .isTrue());
    }
}
