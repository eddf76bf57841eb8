package dev.cacheaudit.core;

/**
 * The caps of the engine's state.
 *
 * @param maxKeyBytes the estimated heap the per-key history may take, in bytes
 * @param maxShapesPerCache how many distinct key shapes are kept per cache and per kind of operation
 * @param maxCaches how many distinct caches are tracked
 */
public record StateLimits(long maxKeyBytes, int maxShapesPerCache, int maxCaches) {

    /** 48 MiB of key history, 256 shapes per cache and operation, 1000 caches. */
    public static final StateLimits DEFAULTS = new StateLimits(48L * 1024 * 1024, 256, 1000);

    public StateLimits {
        if (maxKeyBytes < 1024) {
            throw new IllegalArgumentException("maxKeyBytes must be at least 1024, was " + maxKeyBytes);
        }
        if (maxShapesPerCache < 1) {
            throw new IllegalArgumentException("maxShapesPerCache must be positive, was " + maxShapesPerCache);
        }
        if (maxCaches < 1) {
            throw new IllegalArgumentException("maxCaches must be positive, was " + maxCaches);
        }
    }
}
