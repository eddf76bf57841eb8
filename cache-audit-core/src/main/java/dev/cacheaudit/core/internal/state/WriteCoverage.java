package dev.cacheaudit.core.internal.state;

import java.util.concurrent.atomic.LongAdder;

/**
 * How the writes to the source of truth fared against the caches that hold their entities, for the meters. One per
 * audit, like its {@link CacheRegistry}: the detector of uncovered writes counts here on the engine thread, the meters
 * read from any thread.
 */
public final class WriteCoverage {

    private final LongAdder covered = new LongAdder();

    private final LongAdder uncovered = new LongAdder();

    private final LongAdder unheld = new LongAdder();

    private final LongAdder forgotten = new LongAdder();

    public void covered() {
        covered.increment();
    }

    public void uncovered() {
        uncovered.increment();
    }

    public void unheld() {
        unheld.increment();
    }

    public void forgotten() {
        forgotten.increment();
    }

    /** Write and cache pairs invalidated in time. */
    public long coveredCount() {
        return covered.sum();
    }

    /** Write and cache pairs not invalidated although the cache held an entry. */
    public long uncoveredCount() {
        return uncovered.sum();
    }

    /** Writes of entities no cache holds (or held an entry of) at the time. */
    public long unheldCount() {
        return unheld.sum();
    }

    /** Writes not followed because too many were pending. */
    public long forgottenCount() {
        return forgotten.sum();
    }
}
