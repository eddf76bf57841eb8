package dev.cacheaudit.core.fleet;

import java.time.Duration;
import java.util.Objects;

/**
 * How a fleet member behaves.
 *
 * @param maxMessagesPerSecond the most messages this instance sends per second; more are dropped and counted
 * @param heartbeatInterval how often this instance announces itself
 * @param coverageWindow how long after a write elsewhere a local copy may live before it is judged stale
 * @param maxTrackedEntries how many locally cached entries the fingerprint index remembers
 */
public record FleetSettings(
        int maxMessagesPerSecond, Duration heartbeatInterval, Duration coverageWindow, int maxTrackedEntries) {

    /** Room for this many messages waiting to be sent, and for this many received ones waiting for analysis. */
    static final int QUEUE_CAPACITY = 4096;

    public FleetSettings {
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(coverageWindow, "coverageWindow");
        if (maxMessagesPerSecond < 1) {
            throw new IllegalArgumentException("maxMessagesPerSecond must be at least 1, got " + maxMessagesPerSecond);
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("heartbeatInterval must be positive, got " + heartbeatInterval);
        }
        if (maxTrackedEntries < 1) {
            throw new IllegalArgumentException("maxTrackedEntries must be at least 1, got " + maxTrackedEntries);
        }
    }
}
