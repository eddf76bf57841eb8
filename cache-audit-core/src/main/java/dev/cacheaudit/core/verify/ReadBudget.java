package dev.cacheaudit.core.verify;

/**
 * A token bucket that allows at most {@code perSecond} source reads per second, with a burst of one second's worth.
 * Used by the verifier's one thread only.
 */
final class ReadBudget {

    private final double perSecond;

    private final double capacity;

    private double tokens;

    private long lastNanos;

    ReadBudget(double perSecond, long nowNanos) {
        this.perSecond = perSecond;
        this.capacity = Math.max(1, perSecond);
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    /** Takes one read from the budget; returns {@code false} when there is none left now. */
    boolean tryAcquire(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * perSecond / 1e9);
            lastNanos = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
