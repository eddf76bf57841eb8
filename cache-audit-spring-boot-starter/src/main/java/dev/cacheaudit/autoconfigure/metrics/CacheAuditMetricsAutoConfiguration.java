package dev.cacheaudit.autoconfigure.metrics;

import dev.cacheaudit.autoconfigure.CacheAuditAutoConfiguration;
import dev.cacheaudit.autoconfigure.CacheAuditProperties;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.metrics.CacheAuditMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The auditor's meters ({@link CacheAuditMetrics}), bound to every meter registry, when Micrometer is present. The
 * Micrometer auto-configurations of Boot 4.0 and 3.5 are named so that the order holds with either line, or neither.
 */
@AutoConfiguration(
        after = CacheAuditAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"
        })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnProperty(prefix = "cache-audit", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnBean(CacheAudit.class)
@EnableConfigurationProperties({CacheAuditProperties.class, CacheAuditMetricsProperties.class})
public class CacheAuditMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CacheAuditMetrics cacheAuditMetrics(
            CacheAudit audit, CacheAuditProperties properties, CacheAuditMetricsProperties metrics) {
        return new CacheAuditMetrics(
                audit, metrics.toSettings(properties.getLimits().getMaxCaches()));
    }
}
