package dev.cacheaudit.core.event;

import org.jspecify.annotations.Nullable;

/**
 * The removal of every entry of a cache.
 *
 * @param cache the cache name
 * @param site the method or first application frame that caused it, when known
 * @param tx the transaction state of the clearing thread
 * @param nanos when it happened
 */
public record CacheClear(String cache, @Nullable String site, TxState tx, long nanos) implements CacheEvent {}
