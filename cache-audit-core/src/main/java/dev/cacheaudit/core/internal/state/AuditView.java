package dev.cacheaudit.core.internal.state;

import dev.cacheaudit.core.keys.KeyDescriptor;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What detectors may ask of the engine's memory: queries only, none that creates a profile or a history. Only
 * {@link AuditState#apply} changes the state, before any detector sees the event; a detector that needs to remember
 * more keeps it in its own bounded fields. Read on the engine thread, like the state itself.
 */
public interface AuditView {

    /** The name under which Redis keys seen on the wire are kept in the key history. */
    String WIRE = "redis";

    /**
     * Describes a key object, opening composite keys the engine's decomposer knows. Descriptions of recent keys are
     * remembered, which changes nothing a query answers.
     */
    KeyDescriptor describe(Object key);

    /**
     * Whether the source write being analysed is a second sighting of a write already seen in the same transaction
     * (a repository {@code save} and Hibernate's flush of it, say). Valid while a {@code SourceWrite} is analysed.
     */
    boolean repeatedWrite();

    /**
     * The keys under which a cache may hold an entity's identifier: each stored key shape with a single variable of
     * the identifier's kind, filled with it ({@code user:{n}} and {@code 42} give {@code user:42}). Empty when the
     * identifier is not one variable, or when the cache is keyed by something else.
     */
    List<IdentifiedKey> keysOf(String cache, String id);

    /** The caches that hold values of an entity type (by fully qualified class name); empty when none does. */
    Set<String> cachesHolding(String entity);

    /** Which keys hold which entity, and which keys share a normal form. */
    EntityIndex entities();

    /**
     * Whether the cache holds the entry by the audit's own record: it was stored and neither evicted nor cleared since.
     */
    boolean holds(String cache, String type, String printed);

    /** The profile of a cache, or {@code null} when it was never seen. */
    @Nullable
    CacheProfile existingProfile(String cache);

    /** Every cache seen, least recently used first; unmodifiable. */
    Collection<CacheProfile> profiles();

    /** Key shapes seen on the wire to Redis, as one pseudo-cache named {@value #WIRE}. */
    CacheProfile wire();

    /** The history of one entry, or {@code null} when it is not (or no longer) tracked. */
    @Nullable
    KeyHistory existingHistory(String cache, KeyDescriptor key);

    /** The history of one entry given by its cache, key type and printed key, or {@code null} when not tracked. */
    @Nullable
    KeyHistory existingHistory(String cache, String type, String printed);

    /**
     * A key an identifier fills.
     *
     * @param shape the key shape it fills
     * @param printed the key as it prints
     */
    record IdentifiedKey(ShapeId shape, String printed) {}
}
