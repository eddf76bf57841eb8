package dev.cacheaudit.autoconfigure.jpa;

import dev.cacheaudit.core.verify.ValueInspector;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnitUtil;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.SingularAttribute;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Gives the persistent state of JPA entities through the metamodel of the application's entity manager factories:
 * basic and embedded attributes by value, to-one associations by the target's identifier, collections by their
 * elements. Nothing is loaded: an attribute {@link PersistenceUnitUtil#isLoaded(Object, String) not loaded}, or a
 * proxy never initialised, is reported as such and left out of the comparison. Works on detached instances, as cached
 * values are (deserialised from Redis, or kept in memory after their session closed).
 *
 * <p>Not {@code cache.EntityIdentities}, which learns only which entities a value holds, on the application's thread
 * and without the metamodel: here the metamodel is the truth, reading runs on the verifier's thread, and an attribute
 * that cannot be read is a fault of the check rather than an unknown.
 */
public final class JpaValueInspector implements ValueInspector {

    private final Supplier<List<EntityManagerFactory>> factorySupplier;

    private volatile @Nullable List<EntityManagerFactory> factories;

    private final Map<Class<?>, Optional<Mapping>> mappings = new ConcurrentHashMap<>();

    /**
     * @param factories the entity manager factories, looked up on first use: the auditor starts before them
     */
    public JpaValueInspector(Supplier<List<EntityManagerFactory>> factories) {
        this.factorySupplier = factories;
    }

    @Override
    public @Nullable EntityState stateOf(Object value) {
        Mapping mapping = mapping(value.getClass());
        if (mapping == null) {
            return null;
        }
        PersistenceUnitUtil util = mapping.util;
        Object id = util.getIdentifier(value);
        if (!util.isLoaded(value)) {
            return EntityState.notLoaded(mapping.type.getName(), id);
        }
        Object target = HibernateProxies.unproxy(value);
        Object version = null;
        List<ValueInspector.Attribute> attributes = new ArrayList<>(mapping.attributes.size());
        for (jakarta.persistence.metamodel.Attribute<?, ?> attribute : mapping.attributes) {
            String name = attribute.getName();
            boolean reference = isReference(attribute);
            // A to-one is compared by the target's identifier, which even an uninitialised proxy knows.
            if (!reference && !util.isLoaded(target, name)) {
                attributes.add(ValueInspector.Attribute.notLoaded(name));
                continue;
            }
            Object attributeValue = read(attribute.getJavaMember(), target);
            if (reference && attributeValue == null && !util.isLoaded(target, name)) {
                attributes.add(ValueInspector.Attribute.notLoaded(name));
                continue;
            }
            if (attribute instanceof SingularAttribute<?, ?> singular && singular.isVersion()) {
                version = attributeValue;
            }
            attributes.add(attribute(attribute, attributeValue));
        }
        return new EntityState(mapping.type.getName(), id, version, true, attributes);
    }

    private static boolean isReference(jakarta.persistence.metamodel.Attribute<?, ?> attribute) {
        return switch (attribute.getPersistentAttributeType()) {
            case MANY_TO_ONE, ONE_TO_ONE -> true;
            default -> false;
        };
    }

    private ValueInspector.Attribute attribute(
            jakarta.persistence.metamodel.Attribute<?, ?> attribute, @Nullable Object value) {
        return switch (attribute.getPersistentAttributeType()) {
            case MANY_TO_ONE, ONE_TO_ONE ->
                new ValueInspector.Attribute(attribute.getName(), Kind.REFERENCE, value == null ? null : idOf(value));
            case ONE_TO_MANY, MANY_TO_MANY, ELEMENT_COLLECTION ->
                new ValueInspector.Attribute(attribute.getName(), Kind.COLLECTION, value);
            default -> new ValueInspector.Attribute(attribute.getName(), Kind.VALUE, value);
        };
    }

    private @Nullable Object idOf(Object entity) {
        Mapping mapping = mapping(entity.getClass());
        return mapping != null ? mapping.util.getIdentifier(entity) : entity;
    }

    private @Nullable Mapping mapping(Class<?> type) {
        if (type.isPrimitive() || type.getName().startsWith("java.")) {
            return null;
        }
        Optional<Mapping> known = mappings.get(type);
        if (known == null) {
            // Bounded by the number of classes whose instances are cached.
            known = Optional.ofNullable(find(type));
            mappings.put(type, known);
        }
        return known.orElse(null);
    }

    private @Nullable Mapping find(Class<?> type) {
        for (EntityManagerFactory factory : factories()) {
            if (!factory.isOpen()) {
                continue;
            }
            // A Hibernate proxy is a subclass of the entity's class.
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                EntityType<?> entity = entityType(factory, c);
                if (entity != null) {
                    return new Mapping(entity, factory.getPersistenceUnitUtil());
                }
            }
        }
        return null;
    }

    private static @Nullable EntityType<?> entityType(EntityManagerFactory factory, Class<?> type) {
        for (EntityType<?> entity : factory.getMetamodel().getEntities()) {
            if (entity.getJavaType() == type) {
                return entity;
            }
        }
        return null;
    }

    private List<EntityManagerFactory> factories() {
        List<EntityManagerFactory> resolved = factories;
        if (resolved == null) {
            resolved = List.copyOf(factorySupplier.get());
            factories = resolved;
        }
        return resolved;
    }

    private static @Nullable Object read(Member member, Object target) {
        try {
            if (member instanceof Field field) {
                field.setAccessible(true);
                return field.get(target);
            }
            if (member instanceof Method method) {
                method.setAccessible(true);
                return method.invoke(target);
            }
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("cannot read " + member.getName(), ex);
        }
        throw new IllegalStateException("cannot read " + member.getName());
    }

    /** One entity type: its attributes, in a stable order. */
    private static final class Mapping {

        final EntityType<?> type;

        final PersistenceUnitUtil util;

        final List<jakarta.persistence.metamodel.Attribute<?, ?>> attributes;

        Mapping(EntityType<?> type, PersistenceUnitUtil util) {
            this.type = type;
            this.util = util;
            List<jakarta.persistence.metamodel.Attribute<?, ?>> sorted = new ArrayList<>(type.getAttributes());
            sorted.sort(Comparator.comparing(jakarta.persistence.metamodel.Attribute::getName));
            this.attributes = List.copyOf(sorted);
        }
    }
}
