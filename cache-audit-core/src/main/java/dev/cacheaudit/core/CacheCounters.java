package dev.cacheaudit.core;

import java.util.concurrent.atomic.LongAdder;

/**
 * Operation counts of one cache, bumped on the caller's thread by the recording layer. {@link LongAdder}s keep the hot
 * path free of contention.
 */
public final class CacheCounters {

    /**
     * The counters handed out for caches beyond {@code limits.max-caches}: shared, never listed, never reported. The
     * recording layer takes them as "do not audit this cache" ({@link #audited()}).
     */
    public static final CacheCounters UNTRACKED = new CacheCounters();

    final LongAdder hits = new LongAdder();

    final LongAdder misses = new LongAdder();

    final LongAdder puts = new LongAdder();

    final LongAdder evictions = new LongAdder();

    final LongAdder clears = new LongAdder();

    final LongAdder errors = new LongAdder();

    /** Whether these are the counters of an audited cache, not {@link #UNTRACKED}. */
    public boolean audited() {
        return this != UNTRACKED;
    }

    public void hit() {
        hits.increment();
    }

    public void miss() {
        misses.increment();
    }

    public void put() {
        puts.increment();
    }

    public void eviction() {
        evictions.increment();
    }

    public void clear() {
        clears.increment();
    }

    public void error() {
        errors.increment();
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public long gets() {
        return hits() + misses();
    }

    public long puts() {
        return puts.sum();
    }

    public long evictions() {
        return evictions.sum();
    }

    public long clears() {
        return clears.sum();
    }

    public long errors() {
        return errors.sum();
    }
}
