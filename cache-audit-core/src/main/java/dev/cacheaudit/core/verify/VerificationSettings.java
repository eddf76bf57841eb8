package dev.cacheaudit.core.verify;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How verification runs.
 *
 * @param sampleRate the fraction of the cache hits handed to the engine that are verified
 * @param maxPerSecond the most source reads per second, whatever the traffic
 * @param grace how long a difference may last after a write before it counts as a stale read
 * @param windows when, after a write or invalidation of an entry, it is checked
 * @param maxPending the most checks waiting to run; beyond it, checks are skipped and counted
 * @param ignoredFields per cache, the names of fields that do not count in comparisons
 */
public record VerificationSettings(
        double sampleRate,
        double maxPerSecond,
        Duration grace,
        List<Duration> windows,
        int maxPending,
        Map<String, Set<String>> ignoredFields) {

    public VerificationSettings {
        if (!(sampleRate >= 0 && sampleRate <= 1)) {
            throw new IllegalArgumentException("sampleRate must be between 0 and 1, was " + sampleRate);
        }
        if (!(maxPerSecond > 0)) {
            throw new IllegalArgumentException("maxPerSecond must be positive, was " + maxPerSecond);
        }
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, was " + grace);
        }
        windows = windows.stream().sorted().toList();
        for (Duration window : windows) {
            if (window.isNegative()) {
                throw new IllegalArgumentException("windows must not be negative, was " + window);
            }
        }
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be positive, was " + maxPending);
        }
        ignoredFields = Map.copyOf(ignoredFields);
    }

    /** The fields that do not count in comparisons of one cache's values. */
    public Set<String> ignoredFieldsOf(String cache) {
        return ignoredFields.getOrDefault(cache, Set.of());
    }

    /** The last window, after which a written entry is no longer followed. */
    public Duration lastWindow() {
        return windows.isEmpty() ? grace : windows.get(windows.size() - 1);
    }
}
