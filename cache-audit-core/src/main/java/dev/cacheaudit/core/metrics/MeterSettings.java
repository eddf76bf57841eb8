package dev.cacheaudit.core.metrics;

/**
 * How the auditor's meters are published.
 *
 * @param maxCaches how many distinct caches get a {@code cache} tag of their own; sightings in caches beyond it are
 *     counted under {@link MeterNames#OTHER_CACHES}, so a misbehaving application cannot flood the metrics backend
 * @param histograms whether timers publish percentile histograms (one series per bucket: opt-in)
 */
public record MeterSettings(int maxCaches, boolean histograms) {

    /** Caches bounded like the engine's default limit, no histograms. */
    public static final MeterSettings DEFAULTS = new MeterSettings(1_000, false);

    public MeterSettings {
        if (maxCaches < 1) {
            throw new IllegalArgumentException("maxCaches must be positive, was " + maxCaches);
        }
    }
}
