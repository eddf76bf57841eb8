package dev.cacheaudit.core.report;

import org.jspecify.annotations.Nullable;

/**
 * One cache's row of the report.
 *
 * @param name the cache name
 * @param backend the kind of store
 * @param gets lookups
 * @param hits lookups that found a value
 * @param misses lookups that found none
 * @param puts values stored
 * @param evictions single-entry evictions
 * @param clears whole-cache clears
 * @param verifications verification outcomes, when verification ran
 */
public record CacheReport(
        String name,
        String backend,
        long gets,
        long hits,
        long misses,
        long puts,
        long evictions,
        long clears,
        @Nullable Verifications verifications) {

    /**
     * Verification outcomes of one cache.
     *
     * @param fresh cached values that matched the source
     * @param stale checks that found the cached value still differing from the source after the grace period
     *     (differences in flight, gone by then, are not counted)
     * @param inconclusive checks that could not decide
     */
    public record Verifications(long fresh, long stale, long inconclusive) {}
}
