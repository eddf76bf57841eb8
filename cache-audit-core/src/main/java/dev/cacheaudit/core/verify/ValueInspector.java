package dev.cacheaudit.core.verify;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Tells the value comparison what the persistent state of a value is, for values whose {@code equals} says nothing
 * about what the database holds: entities. An entity without {@code equals} is never equal to its copy read again,
 * and one whose {@code equals} compares the identifier only is equal to its copy whatever its columns hold; both are
 * compared by the state this inspector gives instead. The core has no JPA; the Spring layer implements this through
 * the JPA metamodel.
 *
 * <p>Implementations must not load anything: a part of an entity that is not loaded is reported as such and left out
 * of the comparison.
 */
@FunctionalInterface
public interface ValueInspector {

    /** Knows no entity: values are compared by their structure alone. */
    ValueInspector NONE = value -> null;

    /**
     * The persistent state of a value, or {@code null} when the value is not an entity this inspector knows.
     *
     * @param value a cached value or a value the source gave, never {@code null}
     */
    @Nullable
    EntityState stateOf(Object value);

    /**
     * The persistent state of one entity instance.
     *
     * @param entity the entity's name
     * @param id its identifier, compared by value
     * @param version its {@code @Version} value, {@code null} when the entity has none (or it is not set)
     * @param loaded whether the instance itself is loaded; an uninitialised proxy has only its identifier
     * @param attributes its persistent attributes, the identifier and the version among them
     */
    record EntityState(
            String entity, @Nullable Object id, @Nullable Object version, boolean loaded, List<Attribute> attributes) {

        public EntityState {
            attributes = List.copyOf(attributes);
        }

        /** The state of a proxy that was never initialised: its identifier only. */
        public static EntityState notLoaded(String entity, @Nullable Object id) {
            return new EntityState(entity, id, null, false, List.of());
        }
    }

    /**
     * One persistent attribute.
     *
     * @param name the attribute's name
     * @param kind how it is compared
     * @param value its value: the value itself, the target's identifier for a reference, the elements for a
     *     collection; {@code null} when not loaded
     */
    record Attribute(String name, Kind kind, @Nullable Object value) {

        public static Attribute notLoaded(String name) {
            return new Attribute(name, Kind.NOT_LOADED, null);
        }
    }

    /** How an attribute is compared. */
    enum Kind {
        /** A basic or embedded value: compared by value. */
        VALUE,
        /** A to-one association: compared by the target's identifier. */
        REFERENCE,
        /** A collection (of entities: by their identifiers, and by their state where they were loaded). */
        COLLECTION,
        /** A lazy part that was not loaded: left out of the comparison, and said so. */
        NOT_LOADED
    }
}
