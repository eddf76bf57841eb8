package dev.cacheaudit.core.detect;

import dev.cacheaudit.core.event.CacheRegistered.KeyComparison;
import dev.cacheaudit.core.internal.state.AuditView;
import dev.cacheaudit.core.internal.state.CacheProfile;
import dev.cacheaudit.core.internal.state.KeyHistory;
import dev.cacheaudit.core.internal.state.ShapeId;
import dev.cacheaudit.core.internal.state.ShapeStats;
import dev.cacheaudit.core.keys.KeyDescriptor;
import dev.cacheaudit.core.keys.Nearness;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Questions about key forms that the key-mismatch detectors share. */
final class KeyMatch {

    private KeyMatch() {}

    /**
     * Whether a shape map holds the key's form. A cache that compares serialised keys (Redis) treats keys that print
     * the same as one entry, so there the type does not count.
     */
    static boolean contains(Map<ShapeId, ShapeStats> shapes, KeyDescriptor key, KeyComparison comparison) {
        if (comparison == KeyComparison.EQUALS) {
            return shapes.containsKey(ShapeId.of(key));
        }
        String shape = key.shape().shape();
        for (ShapeId id : shapes.keySet()) {
            if (id.shape().equals(shape)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The read key, in another form, that names the same entry as {@code written}: the read shape filled with the
     * written key's variables, when such a key was actually read. {@code null} when none was.
     */
    static @Nullable String readTwin(
            AuditView state, String cache, ShapeId readShape, ShapeStats stats, KeyDescriptor written) {
        String candidate = Nearness.fill(readShape.shape(), written.shape().variables());
        if (candidate == null) {
            return null;
        }
        KeyHistory history = state.existingHistory(cache, readShape.type(), candidate);
        return history != null && history.reads() > 0 ? candidate : null;
    }

    /**
     * Whether the cache held, before a write, an entry the write may have made stale: one cached under the written
     * identifier, or — when the cache is keyed by something else (an e-mail, say) — any entry at all.
     */
    static boolean couldBeStale(AuditView state, String cache, dev.cacheaudit.core.event.SourceWrite write) {
        CacheProfile profile = state.existingProfile(cache);
        if (profile == null || profile.putShapes().values().stream().noneMatch(s -> s.firstNanos() < write.nanos())) {
            return false;
        }
        if (write.id() == null) {
            return true;
        }
        String id = String.valueOf(write.id());
        if (!dev.cacheaudit.core.keys.KeyShape.of(id).variables().equals(java.util.List.of(id))) {
            return true;
        }
        java.util.List<AuditView.IdentifiedKey> keys = state.keysOf(cache, id);
        for (AuditView.IdentifiedKey key : keys) {
            KeyHistory history = state.existingHistory(cache, key.shape().type(), key.printed());
            if (history != null && history.lastPutNanos() != 0 && history.lastPutNanos() < write.nanos()) {
                return true;
            }
        }
        // Keyed by the identifier but that identifier was never cached: nothing to be stale.
        return keys.isEmpty();
    }

    /** The simple-valued read shape that was used most, or {@code null} when the cache has none. */
    static Map.@Nullable Entry<ShapeId, ShapeStats> mostReadSimpleShape(CacheProfile profile) {
        Map.Entry<ShapeId, ShapeStats> best = null;
        for (Map.Entry<ShapeId, ShapeStats> entry : profile.readShapes().entrySet()) {
            if (entry.getValue().sample().simpleValue()
                    && (best == null
                            || entry.getValue().count() > best.getValue().count())) {
                best = entry;
            }
        }
        return best;
    }
}
