package dev.cacheaudit.core.verify;

/**
 * How the verifier reads a cache and its source of truth; the Spring layer implements it. Both reads are made on the
 * verifier's thread, never the application's, and neither records anything nor changes the cache.
 */
public interface VerificationBackend {

    /** The value the cache holds for the entry, {@link Lookup#ABSENT} when none. */
    Lookup cached(CheckTarget target);

    /**
     * The value the source of truth gives for the entry, read without the cache, {@link Lookup#UNAVAILABLE} when the
     * entry cannot be re-read (the method that loaded it is unknown or opted out).
     */
    Lookup source(CheckTarget target);

    /** Whether the entry's source can be re-read at all, so checks that cannot are not queued. */
    boolean canVerify(CheckTarget target);

    /** What tells entities from other values, so that they are compared by persistent state, never by equals. */
    default ValueInspector inspector() {
        return ValueInspector.NONE;
    }
}
