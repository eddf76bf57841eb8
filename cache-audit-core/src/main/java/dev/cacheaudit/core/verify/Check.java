package dev.cacheaudit.core.verify;

import dev.cacheaudit.core.Ticker;
import dev.cacheaudit.core.event.VerificationOutcome.Reason;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * A check waiting to run.
 *
 * @param target the entry
 * @param reason why it is checked
 * @param dueNanos when it should run
 * @param windowMillis for checks after a write, the window it belongs to
 * @param writeNanos for checks after a write, when the write happened
 * @param ticker the time {@code dueNanos} is on
 */
record Check(CheckTarget target, Reason reason, long dueNanos, long windowMillis, long writeNanos, Ticker ticker)
        implements Delayed {

    @Override
    public long getDelay(TimeUnit unit) {
        return unit.convert(dueNanos - ticker.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
        return Long.compare(dueNanos, ((Check) other).dueNanos);
    }
}
