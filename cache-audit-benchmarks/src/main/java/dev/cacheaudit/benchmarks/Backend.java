package dev.cacheaudit.benchmarks;

import java.util.Map;

/** The store behind the {@code items} cache, chosen through Spring Boot's own cache properties. */
public enum Backend {

    /** {@code ConcurrentMapCacheManager}. */
    MEMORY(Map.of("spring.cache.type", "simple")),

    /** {@code RedisCacheManager} on 127.0.0.1:6379, with a prefix that keeps clear of other users of that server. */
    REDIS(Map.of(
            "spring.cache.type",
            "redis",
            "spring.cache.redis.key-prefix",
            "cache-audit-bench:",
            "spring.data.redis.host",
            RedisProbe.HOST,
            "spring.data.redis.port",
            String.valueOf(RedisProbe.PORT)));

    private final Map<String, String> properties;

    Backend(Map<String, String> properties) {
        this.properties = properties;
    }

    Map<String, String> properties() {
        return properties;
    }
}
