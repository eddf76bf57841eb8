package dev.cacheaudit.core.detect;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest invalidations (evictions, write-through puts, clears) of each cache, the ones that may still cover a
 * {@link PendingWrites pending write}; the oldest of a cache is dropped past {@code perCache}. Owned by the engine
 * thread.
 *
 * @param <I> what the detector remembers of one invalidation
 */
public final class RecentInvalidations<I> {

    private final int perCache;

    private final Map<String, ArrayDeque<I>> byCache = new HashMap<>();

    public RecentInvalidations(int perCache) {
        this.perCache = perCache;
    }

    public void recorded(String cache, I invalidation) {
        ArrayDeque<I> recent = byCache.computeIfAbsent(cache, c -> new ArrayDeque<>());
        if (recent.size() == perCache) {
            recent.pollFirst();
        }
        recent.addLast(invalidation);
    }

    /** The cache's invalidations, oldest first. */
    public Collection<I> of(String cache) {
        Collection<I> recent = byCache.get(cache);
        return recent != null ? recent : List.of();
    }
}
