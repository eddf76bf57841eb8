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
 * @param thread the id of the thread the operation ran on: the cache decorator and the error handler see one failure
 *     on one thread, one after the other, and this pairs their two sightings however other threads' events interleave
 */
public record CacheError(
        String cache,
        String operation,
        @Nullable Object key,
        String exception,
        boolean swallowed,
        @Nullable String site,
        long nanos,
        long thread)
        implements CacheEvent {

    /** A failure seen on the current thread. */
    @SuppressWarnings("deprecation") // Thread#threadId is JDK 19+; getId is the same number on JDK 17.
    public CacheError(
            String cache,
            String operation,
            @Nullable Object key,
            String exception,
            boolean swallowed,
            @Nullable String site,
            long nanos) {
        this(
                cache,
                operation,
                key,
                exception,
                swallowed,
                site,
                nanos,
                Thread.currentThread().getId());
    }
}
