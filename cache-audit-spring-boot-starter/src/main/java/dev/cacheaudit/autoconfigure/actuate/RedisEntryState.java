package dev.cacheaudit.autoconfigure.actuate;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;
import org.springframework.data.redis.cache.RedisCache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The raw state of one entry of a Redis cache, read with {@code PTTL} on the exact Redis key (no value is read, so
 * nothing is counted as a hit). Only loaded when Spring Data Redis is present.
 */
final class RedisEntryState {

    private RedisEntryState() {}

    /**
     * The entry's remaining time to live in milliseconds ({@code -1}: no expiry, {@code -2}: absent), or {@code null}
     * when {@code store} is not a Redis cache.
     */
    static @Nullable Long pttl(Cache store, String key, RedisConnectionFactory connectionFactory) {
        if (!(store instanceof RedisCache redis)) {
            return null;
        }
        RedisCacheConfiguration config = redis.getCacheConfiguration();
        String redisKey = config.usePrefix() ? config.getKeyPrefixFor(redis.getName()) + key : key;
        ByteBuffer buffer = config.getKeySerializationPair().write(redisKey);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        try (RedisConnection connection = connectionFactory.getConnection()) {
            return connection.keyCommands().pTtl(bytes);
        }
    }
}
