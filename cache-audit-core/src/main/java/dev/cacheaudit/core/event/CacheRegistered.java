package dev.cacheaudit.core.event;

/**
 * A cache became visible to the recording layer.
 *
 * @param cache the cache name
 * @param backend the kind of store, such as {@code redis}, {@code caffeine} or {@code map}
 * @param transactionAware whether writes to it are deferred to after the commit
 * @param keyComparison how the store compares keys
 * @param nanos when it was seen
 */
public record CacheRegistered(
        String cache, String backend, boolean transactionAware, KeyComparison keyComparison, long nanos)
        implements CacheEvent {

    /** How a store compares keys. */
    public enum KeyComparison {
        /** By {@code equals}: a {@code Long} and its {@code String} form are different keys. */
        EQUALS,
        /** By a serialised form: keys that print the same are the same entry. */
        SERIALIZED
    }
}
