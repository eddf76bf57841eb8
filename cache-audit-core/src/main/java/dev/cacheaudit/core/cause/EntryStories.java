package dev.cacheaudit.core.cause;

import dev.cacheaudit.core.event.CacheClear;
import dev.cacheaudit.core.event.CacheEvict;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.internal.state.AuditView;
import dev.cacheaudit.core.internal.state.KeyHistory;
import dev.cacheaudit.core.keys.KeyDescriptor;
import dev.cacheaudit.core.keys.KeyRedactor;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The story of each entry since its value was loaded, and the invalidations of each cache, within fixed bounds: what a
 * cause tells after the write. Engine thread only.
 */
final class EntryStories {

    private static final int MAX_TRAILS = 10_000;

    private static final int INVALIDATIONS_PER_CACHE = 64;

    private final KeyRedactor redactor;

    private final long windowNanos;

    private final Map<Entry, Trail> trails = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Entry, Trail> eldest) {
            return size() > MAX_TRAILS;
        }
    };

    private final Map<String, ArrayDeque<Invalidated>> invalidations = WriteLog.bounded();

    EntryStories(KeyRedactor redactor, long windowNanos) {
        this.redactor = redactor;
        this.windowNanos = windowNanos;
    }

    void put(CachePut put, AuditView state) {
        KeyDescriptor key = state.describe(put.key());
        Entry entry = new Entry(put.cache(), key.type(), key.printed());
        if (put.loadStartNanos() != 0) {
            // A new value: the entry's story starts again with its load.
            Trail previous = trails.get(entry);
            Trail trail = new Trail(put.loadStartNanos(), put.site());
            if (previous != null
                    && previous.evictNanos != 0
                    && put.loadStartNanos() - previous.evictNanos <= windowNanos) {
                trail.refilledAfterNanos = previous.evictNanos;
                trail.continues(previous);
            }
            trails.put(entry, trail);
        } else {
            Trail trail = trails.computeIfAbsent(entry, e -> new Trail(0, null));
            trail.step(put.nanos(), "put" + Sites.by(put.site()));
            trail.held = true;
            invalidated(put.cache(), new Invalidated("put", shape(key), put.site(), "replaced", put.nanos()));
        }
    }

    void evicted(CacheEvict evict, AuditView state) {
        KeyDescriptor key = state.describe(evict.key());
        Trail trail = trails.get(new Entry(evict.cache(), key.type(), key.printed()));
        String removed;
        if (trail != null) {
            removed = trail.held ? "removed" : "removed nothing";
            trail.step(evict.nanos(), "evict" + Sites.by(evict.site()) + " (" + removed + ")");
            trail.held = false;
            trail.evictNanos = evict.nanos();
        } else {
            KeyHistory history = state.existingHistory(evict.cache(), key.type(), key.printed());
            removed = history == null || history.puts() == 0 ? "removed nothing" : "unknown";
        }
        Invalidated invalidation = new Invalidated("evict", shape(key), evict.site(), removed, evict.nanos());
        invalidation.txId = evict.tx().txId();
        invalidated(evict.cache(), invalidation);
    }

    void cleared(CacheClear clear) {
        invalidated(clear.cache(), new Invalidated("clear", "all entries", clear.site(), "unknown", clear.nanos()));
    }

    @Nullable
    Trail trail(String cache, String keyType, String printedKey) {
        return trails.get(new Entry(cache, keyType, printedKey));
    }

    /** The first invalidation of the cache after the write, or in its transaction. */
    @Nullable
    Invalidated followed(String cache, SeenWrite write) {
        for (Invalidated invalidation : invalidations.getOrDefault(cache, new ArrayDeque<>())) {
            if (invalidation.nanos >= write.nanos || (write.txId != 0 && invalidation.txId == write.txId)) {
                return invalidation;
            }
        }
        return null;
    }

    private void invalidated(String cache, Invalidated invalidation) {
        ArrayDeque<Invalidated> recent = invalidations.computeIfAbsent(cache, c -> new ArrayDeque<>());
        if (recent.size() >= INVALIDATIONS_PER_CACHE) {
            recent.pollFirst();
        }
        recent.addLast(invalidation);
    }

    /** A key as a timeline shows it: its shape, or only its type for an object or composite key. */
    private String shape(KeyDescriptor key) {
        return key.simpleValue() ? redactor.shape(key.shape().shape()) : key.type() + "{…}";
    }

    private record Entry(String cache, String type, String printed) {}
}
