package dev.cacheaudit.core;

/**
 * The monotonic time the auditor runs on: the times events carry, the windows and grace periods measured from them,
 * the engine's ticks and the verifier's schedule and budget. Wall time (first and last seen, the report's dates)
 * comes from a {@link java.time.Clock} instead. Tests pass one they move by hand, so that a grace period passes
 * without sleeping through it.
 */
@FunctionalInterface
public interface Ticker {

    /** Nanoseconds on the scale of {@link System#nanoTime()}: only differences between two readings mean anything. */
    long nanoTime();

    /** {@link System#nanoTime()}. */
    static Ticker system() {
        return System::nanoTime;
    }
}
