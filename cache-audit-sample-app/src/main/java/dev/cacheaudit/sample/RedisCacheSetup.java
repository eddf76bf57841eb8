package dev.cacheaudit.sample;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.ReflectionUtils;

/**
 * The Redis cache manager, used unless {@code spring.cache.type} names another cache (as the start-up probe does when
 * Redis is unreachable; Spring Boot then configures that one). Values and keys are stored as {@link RedisNamespace}
 * configures every cache of the sample, and every put and eviction completes before the business call returns. The
 * item pages of scenario {@code long-ttl} have a time to live of their own. It is the primary manager: a scenario may
 * add managers of its own, which its annotations name.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.cache.type", havingValue = "redis", matchIfMissing = true)
public class RedisCacheSetup {

    @Bean
    @Primary
    RedisCacheManager cacheManager(
            RedisConnectionFactory connectionFactory,
            RedisNamespace namespace,
            @Value("${sample.cache.time-to-live:10m}") Duration timeToLive) {
        RedisCacheConfiguration defaults = namespace.cacheConfiguration(timeToLive);
        return RedisCacheManager.builder(immediateWriter(connectionFactory))
                .cacheDefaults(defaults)
                .initialCacheNames(new LinkedHashSet<>(CacheNames.SHARED))
                // Named at start-up and with statistics, so Boot binds cache.gets/puts/removals for these caches.
                .enableStatistics()
                .withCacheConfiguration(CacheNames.ITEM_PAGES, defaults.entryTtl(CacheNames.ITEM_PAGES_TIME_TO_LIVE))
                .build();
    }

    /**
     * A cache writer whose puts and evictions are done when they return. Spring Data Redis 4 sends them without waiting
     * unless configured with {@code immediateWrites()}, so a read right after an eviction could still see the old
     * value; 3.x always waits and has no such setting. Reflection keeps one source for both lines.
     */
    public static RedisCacheWriter immediateWriter(RedisConnectionFactory connectionFactory) {
        Method create = ReflectionUtils.findMethod(
                RedisCacheWriter.class, "create", RedisConnectionFactory.class, Consumer.class);
        if (create == null) {
            return RedisCacheWriter.nonLockingRedisCacheWriter(connectionFactory);
        }
        Consumer<Object> immediateWrites = configurer -> {
            Method immediate = Objects.requireNonNull(
                    ReflectionUtils.findMethod(configurer.getClass(), "immediateWrites", boolean.class),
                    "RedisCacheWriterConfigurer#immediateWrites(boolean)");
            ReflectionUtils.makeAccessible(immediate);
            ReflectionUtils.invokeMethod(immediate, configurer, true);
        };
        return (RedisCacheWriter) ReflectionUtils.invokeMethod(create, null, connectionFactory, immediateWrites);
    }
}
