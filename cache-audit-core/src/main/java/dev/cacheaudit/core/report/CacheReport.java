package dev.cacheaudit.core.report;

import java.util.List;
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
 * @param tables the tables that feed the cache (its lineage), empty when none is known
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
        @Nullable Verifications verifications,
        List<Table> tables) {

    public CacheReport {
        tables = List.copyOf(tables);
    }

    /** A row without lineage. */
    public CacheReport(
            String name,
            String backend,
            long gets,
            long hits,
            long misses,
            long puts,
            long evictions,
            long clears,
            @Nullable Verifications verifications) {
        this(name, backend, gets, hits, misses, puts, evictions, clears, verifications, List.of());
    }

    /**
     * A table that feeds a cache.
     *
     * @param table the table name, lower-case, without schema
     * @param keyColumns the columns bound to the cache key, when known
     * @param source where it was learned: {@code loads} or {@code configuration}
     */
    public record Table(String table, List<String> keyColumns, String source) {

        public Table {
            keyColumns = List.copyOf(keyColumns);
        }
    }

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
