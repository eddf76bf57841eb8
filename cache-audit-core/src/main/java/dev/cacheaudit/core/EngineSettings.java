package dev.cacheaudit.core;

import dev.cacheaudit.core.keys.KeyDecomposer;
import java.time.Duration;
import java.util.Objects;

/**
 * How the engine runs.
 *
 * @param queueCapacity how many events may wait for analysis before new ones are dropped
 * @param tickInterval how often time-based checks run
 * @param limits the caps of the engine's state
 * @param decomposer opens composite keys
 */
public record EngineSettings(int queueCapacity, Duration tickInterval, StateLimits limits, KeyDecomposer decomposer) {

    /** Defaults: 65 536 queued events, a tick a second, default limits, no composite key types. */
    public static final EngineSettings DEFAULTS =
            new EngineSettings(65_536, Duration.ofSeconds(1), StateLimits.DEFAULTS, KeyDecomposer.NONE);

    public EngineSettings {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be positive, was " + queueCapacity);
        }
        Objects.requireNonNull(tickInterval, "tickInterval");
        if (tickInterval.isNegative() || tickInterval.isZero()) {
            throw new IllegalArgumentException("tickInterval must be positive, was " + tickInterval);
        }
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(decomposer, "decomposer");
    }

    public EngineSettings withDecomposer(KeyDecomposer decomposer) {
        return new EngineSettings(queueCapacity, tickInterval, limits, decomposer);
    }
}
