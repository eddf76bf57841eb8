package dev.cacheaudit.core.event;

import org.jspecify.annotations.Nullable;

/**
 * A lookup in a cache.
 *
 * @param cache the cache name
 * @param key the exact key object Spring computed
 * @param hit whether a value was found
 * @param site the method or first application frame that caused it, when known
 * @param nanos when it happened
 */
public record CacheRead(
        String cache, Object key, boolean hit, @Nullable String site, long nanos) implements CacheEvent {}
