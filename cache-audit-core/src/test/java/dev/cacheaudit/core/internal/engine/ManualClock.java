package dev.cacheaudit.core.internal.engine;

import dev.cacheaudit.core.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Monotonic and wall time that a test moves by hand: both move together, and only when told. */
public final class ManualClock extends Clock implements Ticker {

    /** Far from zero, which events use to say "no time". */
    private volatile long nanos = 1_000_000_000_000L;

    private volatile Instant now = Instant.parse("2026-11-26T10:00:00Z");

    /** Moves both times forward. */
    public synchronized void advance(Duration duration) {
        nanos += duration.toNanos();
        now = now.plus(duration);
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
