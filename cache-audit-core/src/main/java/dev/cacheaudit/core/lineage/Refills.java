package dev.cacheaudit.core.lineage;

import dev.cacheaudit.core.keys.KeyDescriptor;
import dev.cacheaudit.core.keys.KeyShape;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The values loads stored lately, per cache, which confirm a stale-set window: a load of an entry that began after its
 * eviction and read the database before the write cached the old rows. Keeps the key's components and shape, for as
 * many loads per cache as a window can hold; owned by the engine thread.
 */
final class Refills {

    private static final int PER_CACHE = 64;

    private final Map<String, ArrayDeque<Refill>> byCache = new HashMap<>();

    /** Notes a value a load stored, with when the load began and when its first query completed. */
    void stored(String cache, KeyDescriptor key, long loadStartNanos, long readNanos) {
        ArrayDeque<Refill> recent = byCache.computeIfAbsent(cache, c -> new ArrayDeque<>());
        if (recent.size() == PER_CACHE) {
            recent.pollFirst();
        }
        recent.addLast(new Refill(key.components(), key.shape(), loadStartNanos, readNanos));
    }

    /**
     * A load of an entry the write affects (or of the invalidated entry, when the write names none) that began after
     * the invalidation and read the database before the write completed; {@code null} when none did.
     */
    @Nullable
    Refill between(PendingWrite write, long invalidationNanos, @Nullable List<String> invalidatedKey) {
        for (Refill refill : byCache.getOrDefault(write.cache, new ArrayDeque<>())) {
            boolean inWindow = refill.loadStartNanos > invalidationNanos && refill.readNanos < write.nanos;
            boolean sameEntry = write.affected.isEmpty()
                    ? invalidatedKey == null || invalidatedKey.equals(refill.key)
                    : write.affected.stream().anyMatch(entry -> entry.matches(refill.key));
            if (inWindow && sameEntry) {
                return refill;
            }
        }
        return null;
    }

    /**
     * A value a load stored.
     *
     * @param key the printed components of its key
     * @param shape the key's shape, the only form of the key a finding shows
     * @param loadStartNanos when its load began (the miss)
     * @param readNanos when its load's first query completed
     */
    record Refill(List<String> key, KeyShape shape, long loadStartNanos, long readNanos) {}
}
