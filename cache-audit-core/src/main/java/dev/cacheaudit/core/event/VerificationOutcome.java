package dev.cacheaudit.core.event;

import java.util.List;

/**
 * The result of re-reading one cache entry and its source of truth, handed from the verifier's thread to the engine.
 *
 * @param cache the cache name
 * @param keyType the simple name of the key's class
 * @param printedKey the key as it prints
 * @param reason why the entry was checked
 * @param outcome what the check found
 * @param differingFields the names of the fields that differ, for a stale entry; never values
 * @param windowMillis for a check after a write, how long after it the check was due; {@code 0} otherwise
 * @param writeNanos for a check after a write, when the write happened; {@code 0} otherwise
 * @param nanos when the check was made
 * @param notCompared the paths left out of the comparison because they were not loaded (lazy parts); never values
 */
public record VerificationOutcome(
        String cache,
        String keyType,
        String printedKey,
        Reason reason,
        Outcome outcome,
        List<String> differingFields,
        long windowMillis,
        long writeNanos,
        long nanos,
        List<String> notCompared)
        implements CacheEvent {

    /**
     * The differing "field" of an entry the source of truth has no entry for any more: the row was deleted, or the
     * attribute the entry is keyed by changed.
     */
    public static final String NO_SOURCE_ENTRY = "<no source entry>";

    public VerificationOutcome {
        differingFields = List.copyOf(differingFields);
        notCompared = List.copyOf(notCompared);
    }

    public VerificationOutcome(
            String cache,
            String keyType,
            String printedKey,
            Reason reason,
            Outcome outcome,
            List<String> differingFields,
            long windowMillis,
            long writeNanos,
            long nanos) {
        this(cache, keyType, printedKey, reason, outcome, differingFields, windowMillis, writeNanos, nanos, List.of());
    }

    /** Whether the source of truth had no entry at all for the key. */
    public boolean sourceHasNoEntry() {
        return differingFields.equals(List.of(NO_SOURCE_ENTRY));
    }

    /** Why an entry was checked. */
    public enum Reason {
        /** A sampled cache hit. */
        SAMPLE,
        /** A window after a write or invalidation of the entry. */
        AFTER_WRITE,
        /** A refill of the entry shortly after it was invalidated. */
        REFILL,
        /** A second look at an entry found stale, once the grace period is over. */
        RECHECK
    }

    /** What a check found. */
    public enum Outcome {
        /** The cached value matches the source. */
        FRESH,
        /** The cached value differs from the source. */
        STALE,
        /** The comparison could not decide, or the source could not be re-read. */
        INCONCLUSIVE,
        /** Nothing is cached under the key: nothing can be stale. */
        ABSENT,
        /** Not checked: the read budget or the queue of checks was exhausted. */
        SKIPPED
    }
}
