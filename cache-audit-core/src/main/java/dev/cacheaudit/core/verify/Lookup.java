package dev.cacheaudit.core.verify;

import org.jspecify.annotations.Nullable;

/**
 * What a read of the cache or of the source gave.
 *
 * @param state whether a value was found
 * @param value the value, when present (it may itself be {@code null} for caches that store nulls)
 */
public record Lookup(State state, @Nullable Object value) {

    /** Nothing under that key. */
    public static final Lookup ABSENT = new Lookup(State.ABSENT, null);

    /** The read could not be made (no way to re-read the source, an error, the budget). */
    public static final Lookup UNAVAILABLE = new Lookup(State.UNAVAILABLE, null);

    public static Lookup of(@Nullable Object value) {
        return new Lookup(State.PRESENT, value);
    }

    /** Whether a read gave. */
    public enum State {
        PRESENT,
        ABSENT,
        UNAVAILABLE
    }
}
