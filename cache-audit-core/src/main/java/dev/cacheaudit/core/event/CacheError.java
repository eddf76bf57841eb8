package dev.cacheaudit.core.event;

import org.jspecify.annotations.Nullable;

/**
 * A cache operation that failed, whether or not the application saw the failure.
 *
 * @param cache the cache name
 * @param operation {@code get}, {@code put}, {@code evict} or {@code clear}
 * @param key the key involved, when there is one
 * @param exception the class name of the failure
 * @param swallowed whether the application went on as if the operation had succeeded
 * @param site the method or first application frame that caused it, when known
 * @param nanos when it happened
 */
public record CacheError(
        String cache,
        String operation,
        @Nullable Object key,
        String exception,
        boolean swallowed,
        @Nullable String site,
        long nanos)
        implements CacheEvent {}
