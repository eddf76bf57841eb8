package dev.cacheaudit.core.event;

import org.jspecify.annotations.Nullable;

/**
 * A value stored in a cache.
 *
 * @param cache the cache name
 * @param key the exact key object
 * @param site the method or first application frame that caused it, when known
 * @param loadStartNanos when the load of the stored value began (the preceding miss), or {@code 0} when unknown
 * @param tx the transaction state of the writing thread
 * @param nanos when it happened
 */
public record CachePut(String cache, Object key, @Nullable String site, long loadStartNanos, TxState tx, long nanos)
        implements CacheEvent {}
