package dev.cacheaudit.core.event;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which entities a value just stored in a cache holds, learned by the recording layer from the value itself (JPA
 * metadata, a configured id field, or an {@code id}/{@code getId()} convention). Sent after the {@link CachePut} of the
 * same entry. The identifiers travel only inside the process: the engine keeps keyed fingerprints of them, never the
 * identifiers themselves.
 *
 * @param cache the cache name
 * @param key the exact key object the value was stored under
 * @param entities the entities the value holds: one, or the elements of a small collection
 * @param keyAttribute the name of the value's attribute whose value is the key ({@code phone} for a value cached by
 *     its phone number), or {@code null} when no attribute matches the key
 * @param nanos when the value was stored
 */
public record EntityHeld(
        String cache,
        Object key,
        List<Entity> entities,
        @Nullable String keyAttribute,
        long nanos) implements CacheEvent {

    public EntityHeld {
        entities = List.copyOf(entities);
    }

    /**
     * One entity a cached value holds.
     *
     * @param type the simple name of the entity's class
     * @param id the entity's identifier as it prints
     * @param idAttribute the name of the identifier attribute ({@code id}, or the configured id field)
     */
    public record Entity(String type, String id, String idAttribute) {}
}
