package dev.cacheaudit.core.internal.state;

/**
 * What happened to one cache entry, kept while it is among the recently used ones. Times are monotonic nanoseconds;
 * {@code 0} means never.
 */
public final class KeyHistory {

    long reads;

    long lastReadNanos;

    long lastPutNanos;

    long lastLoadStartNanos;

    long lastEvictNanos;

    long puts;

    long evictions;

    public long reads() {
        return reads;
    }

    public long puts() {
        return puts;
    }

    public long evictions() {
        return evictions;
    }

    public long lastReadNanos() {
        return lastReadNanos;
    }

    public long lastPutNanos() {
        return lastPutNanos;
    }

    /** When the load behind the last put began; {@code 0} when unknown. */
    public long lastLoadStartNanos() {
        return lastLoadStartNanos;
    }

    public long lastEvictNanos() {
        return lastEvictNanos;
    }
}
