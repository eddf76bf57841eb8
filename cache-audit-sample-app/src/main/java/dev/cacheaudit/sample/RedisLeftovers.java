package dev.cacheaudit.sample;

import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Deletes keys an earlier run of the app left in Redis. Redis outlives this process while the in-memory database does
 * not, so such entries would be stale from the start. This works on Redis keys directly, below Spring's cache
 * abstraction: it is housekeeping of what another process left, not an invalidation by this application.
 */
public final class RedisLeftovers {

    private RedisLeftovers() {}

    /** Deletes every key matching the glob-style {@code pattern}. */
    public static void delete(StringRedisTemplate redis, String pattern) {
        try (Cursor<String> keys =
                redis.scan(ScanOptions.scanOptions().match(pattern).count(100).build())) {
            keys.forEachRemaining(redis::delete);
        }
    }
}
