package dev.cacheaudit.core.detect;

import java.util.concurrent.atomic.LongAdder;

/** How the writes to the source of truth fared against the caches that hold their entities, for the meters. */
public final class WriteCoverage {

    private final LongAdder covered = new LongAdder();

    private final LongAdder uncovered = new LongAdder();

    private final LongAdder unheld = new LongAdder();

    private final LongAdder forgotten = new LongAdder();

    void covered() {
        covered.increment();
    }

    void uncovered() {
        uncovered.increment();
    }

    void unheld() {
        unheld.increment();
    }

    void forgotten() {
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
