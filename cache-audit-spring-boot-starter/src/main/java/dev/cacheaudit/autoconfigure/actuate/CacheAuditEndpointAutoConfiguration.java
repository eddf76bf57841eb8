package dev.cacheaudit.autoconfigure.actuate;

import dev.cacheaudit.autoconfigure.CacheAuditAutoConfiguration;
import dev.cacheaudit.autoconfigure.CacheAuditProperties;
import dev.cacheaudit.autoconfigure.cache.CacheRecorder;
import dev.cacheaudit.autoconfigure.verify.SpringVerificationBackend;
import dev.cacheaudit.core.CacheAudit;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/** Auto-configuration of the {@code cacheaudit} Actuator endpoint, when Actuator is present. */
@AutoConfiguration(after = CacheAuditAutoConfiguration.class)
@ConditionalOnClass(
        name = {
            "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
            "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint"
        })
@ConditionalOnBean(CacheAudit.class)
@EnableConfigurationProperties(CacheAuditEndpointProperties.class)
public class CacheAuditEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(CacheAuditEndpoint.class)
    CacheAuditEndpoint cacheAuditEndpoint(CacheAudit audit, ObjectProvider<KeyProbe> probe) {
        return new CacheAuditEndpoint(audit, probe.getIfAvailable());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "cache-audit.endpoint.probe", name = "enabled", havingValue = "true")
    static class ProbeConfiguration {

        @Bean
        KeyProbe cacheAuditKeyProbe(
                CacheAudit audit,
                CacheAuditProperties properties,
                CacheAuditEndpointProperties endpoint,
                ObjectProvider<CacheManager> managers,
                ObjectProvider<SpringVerificationBackend> verification,
                ObjectProvider<CacheRecorder> recorder,
                ObjectProvider<RedisTtl> redisTtl) {
            KeyTimeline timeline = new KeyTimeline(endpoint.getTimelineCapacity(), audit);
            audit.addListener(timeline);
            BiFunction<Cache, String, @Nullable Long> ttl = redisTtl.getIfAvailable(() -> (cache, key) -> null);
            return new KeyProbe(
                    audit,
                    managers,
                    verification,
                    recorder,
                    ttl,
                    timeline,
                    properties.ignoredFields(),
                    properties.getVerification().getMaxPerSecond());
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = "org.springframework.data.redis.cache.RedisCache")
        static class RedisProbeConfiguration {

            @Bean
            RedisTtl cacheAuditRedisTtl(ObjectProvider<RedisConnectionFactory> connections) {
                return (cache, key) -> {
                    var factory = connections.getIfUnique();
                    return factory != null ? RedisEntryState.pttl(cache, key, factory) : null;
                };
            }
        }
    }

    /** Reads the remaining TTL of an entry of a Redis cache; {@code null} for other caches. */
    interface RedisTtl extends BiFunction<Cache, String, @Nullable Long> {}
}
