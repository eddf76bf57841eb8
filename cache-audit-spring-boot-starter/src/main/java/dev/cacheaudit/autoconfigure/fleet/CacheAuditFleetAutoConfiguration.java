package dev.cacheaudit.autoconfigure.fleet;

import dev.cacheaudit.autoconfigure.CacheAuditBuilderCustomizer;
import dev.cacheaudit.autoconfigure.CacheAuditProperties;
import dev.cacheaudit.core.fleet.Fleet;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Fleet membership: on when the application has a Redis connection factory (unless
 * {@code cache-audit.fleet.enabled=false}), off otherwise; one log line says which. Spring Data Redis types stay
 * inside a configuration guarded by its class, so the starter starts without it.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration"
        })
@ConditionalOnProperty(prefix = "cache-audit", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties({FleetProperties.class, CacheAuditProperties.class})
public class CacheAuditFleetAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.data.redis.connection.RedisConnectionFactory")
    static class RedisFleetConfiguration {

        @Bean(destroyMethod = "close")
        FleetMembership cacheAuditFleetMembership(
                FleetProperties properties,
                CacheAuditProperties audit,
                Environment environment,
                ObjectProvider<org.springframework.data.redis.connection.RedisConnectionFactory> connectionFactory,
                ObjectProvider<javax.sql.DataSource> dataSource) {
            String application = audit.getApplication() != null
                    ? audit.getApplication()
                    : environment.getProperty("spring.application.name", "application");
            return new FleetMembership(
                    properties,
                    connectionFactory,
                    dataSource,
                    application,
                    audit.getRedaction().getKeys(),
                    audit.getCoverage().getWindow());
        }

        @Bean
        CacheAuditBuilderCustomizer cacheAuditFleetCustomizer(FleetMembership membership) {
            return builder -> {
                Fleet fleet = membership.configuredFleet();
                if (fleet != null) {
                    builder.fleet(fleet);
                    builder.detector(fleet.detector());
                    if (membership.keyspaceEvents()) {
                        builder.detector(fleet.foreignWriteDetector());
                    }
                }
            };
        }

        @Bean
        FleetMeters cacheAuditFleetMeters(FleetMembership membership) {
            return new FleetMeters(membership);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("org.springframework.data.redis.connection.RedisConnectionFactory")
    static class NoRedisFleetConfiguration {

        NoRedisFleetConfiguration(FleetProperties properties) {
            LoggerFactory.getLogger(CacheAuditFleetAutoConfiguration.class)
                    .info(
                            Boolean.TRUE.equals(properties.getEnabled())
                                    ? "cache-audit fleet: off, cache-audit.fleet.enabled=true but Spring Data Redis is not on"
                                            + " the classpath"
                                    : "cache-audit fleet: off (Spring Data Redis is not on the classpath)");
        }
    }
}
