package dev.cacheaudit.sample;

import java.time.Duration;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.stereotype.Component;

/**
 * Where the sample's names live in Redis: its cache entries, the keys written beside them and its pub/sub channels all
 * start with Spring Boot's {@code spring.cache.redis.key-prefix}, so that one setting keeps two runs on one Redis apart
 * (the tests give each run a prefix of its own). Boot does not apply the prefix itself here, since the sample builds
 * its cache managers. Without it every name is as written, as in the demo.
 *
 * <p>The order statuses cached by hand ({@link dev.cacheaudit.sample.scenario.OrderStatuses}) keep their keys: the
 * auditor names a finding on hand-written keys after their namespace ({@code sample:order}), which a prefix would
 * change, and no check compares their values with the database, so another run's entries cannot make one.
 */
@Component
public class RedisNamespace {

    private final String prefix;

    RedisNamespace(@Value("${spring.cache.redis.key-prefix:}") String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    /** A key, a key pattern or a channel name of the sample, under the prefix. */
    public String name(String name) {
        return prefix + name;
    }

    /**
     * What every Redis cache of the sample is configured from: values stored with JDK serialization, read with the
     * application's class loader (in the executable jar its classes are not on the system class path), and keys under
     * the prefix.
     */
    public RedisCacheConfiguration cacheConfiguration(Duration timeToLive) {
        RedisCacheConfiguration configuration = RedisCacheConfiguration.defaultCacheConfig(
                        getClass().getClassLoader())
                .entryTtl(timeToLive);
        return prefix.isEmpty() ? configuration : configuration.prefixCacheNameWith(prefix);
    }
}
