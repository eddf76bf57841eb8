package dev.cacheaudit.core.event;

import org.jspecify.annotations.Nullable;

/**
 * The eviction of one entry.
 *
 * @param cache the cache name
 * @param key the exact key object
 * @param site the method or first application frame that caused it, when known
 * @param tx the transaction state of the evicting thread
 * @param nanos when it happened
 */
public record CacheEvict(String cache, Object key, @Nullable String site, TxState tx, long nanos)
        implements CacheEvent {}
