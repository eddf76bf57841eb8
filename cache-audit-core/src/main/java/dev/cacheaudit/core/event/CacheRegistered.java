package dev.cacheaudit.core.event;

/**
 * A cache became visible to the recording layer.
 *
 * @param cache the cache name
 * @param backend the name of the store, such as {@code redis}, {@code caffeine} or {@code map} (see {@link Backend})
 * @param transactionAware whether writes to it are deferred to after the commit
 * @param keyComparison how the store compares keys
 * @param ttlMillis how long entries live after they are written: {@link #NO_EXPIRY} when they never expire,
 *     {@link #UNKNOWN_TTL} when the store does not tell
 * @param nanos when it was seen
 */
public record CacheRegistered(
        String cache, String backend, boolean transactionAware, KeyComparison keyComparison, long ttlMillis, long nanos)
        implements CacheEvent {

    /** Entries never expire. */
    public static final long NO_EXPIRY = 0;

    /** The store does not tell how long entries live. */
    public static final long UNKNOWN_TTL = -1;

    /** A cache whose time to live is not known. */
    public CacheRegistered(
            String cache, String backend, boolean transactionAware, KeyComparison keyComparison, long nanos) {
        this(cache, backend, transactionAware, keyComparison, UNKNOWN_TTL, nanos);
    }

    /** The kind of store the name stands for. */
    public Backend kind() {
        return Backend.of(backend);
    }

    /** How a store compares keys. */
    public enum KeyComparison {
        /** By {@code equals}: a {@code Long} and its {@code String} form are different keys. */
        EQUALS,
        /** By a serialised form: keys that print the same are the same entry. */
        SERIALIZED
    }
}
