package dev.cacheaudit.autoconfigure.cache;

import dev.cacheaudit.core.event.EntityHeld;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Learns which entities a cached value holds: the identifier from JPA or Spring Data metadata ({@code @Id},
 * {@code @EmbeddedId}, read by annotation name so no persistence API is needed), from the field configured as
 * {@code cache-audit.caches.<name>.id-field}, or by convention from an {@code id} record component, a {@code getId()}
 * method or an {@code id} field. {@code Optional}s are opened, and collections and arrays by their elements when they
 * hold at most {@value #MAX_ELEMENTS}. It also names the value's attribute whose value the key is ({@code phone} for a
 * customer cached by phone number). How to read a class is learned once per class and cache.
 *
 * <p>Alike in purpose to {@code jpa.JpaValueInspector}, which also names an entity's identifier, but not the same job:
 * this runs on the application's thread at every put, with no persistence API (values need not be JPA entities), so it
 * reads identifiers by annotation name and convention, and a read that fails or would load a lazy proxy leaves the
 * value unidentified; the inspector runs on the verifier's thread, through the JPA metamodel, and reads whole states.
 */
final class EntityIdentities {

    /** The most elements of a collection value whose entities are learned; a larger one is a listing, not an entry. */
    static final int MAX_ELEMENTS = 4;

    private static final Set<String> ID_ANNOTATIONS = Set.of(
            "jakarta.persistence.Id",
            "jakarta.persistence.EmbeddedId",
            "javax.persistence.Id",
            "javax.persistence.EmbeddedId",
            "org.springframework.data.annotation.Id");

    private final Map<String, String> idFields;

    private final Map<Class<?>, Shape> conventional = new ConcurrentHashMap<>();

    private final Map<String, Map<Class<?>, Shape>> configured = new ConcurrentHashMap<>();

    /** @param idFields the configured id field per cache name */
    EntityIdentities(Map<String, String> idFields) {
        this.idFields = Map.copyOf(idFields);
    }

    /** What a value stored under a key holds, or {@code null} when it holds no entity that can be identified. */
    @Nullable
    EntityHeld held(String cache, Object key, @Nullable Object value, long nanos) {
        Object unwrapped = value instanceof Optional<?> optional ? optional.orElse(null) : value;
        if (unwrapped == null) {
            return null;
        }
        List<Object> elements = elements(unwrapped);
        if (elements.isEmpty()) {
            return null;
        }
        List<EntityHeld.Entity> entities = new ArrayList<>(elements.size());
        Shape first = null;
        for (Object element : elements) {
            Shape shape = shape(cache, element.getClass());
            Object id = shape.id == null ? null : read(shape.id, element);
            if (id == null) {
                return null;
            }
            if (first == null) {
                first = shape;
            }
            entities.add(new EntityHeld.Entity(shape.typeName, String.valueOf(id), shape.idName));
        }
        // An uninitialised lazy proxy answers its identifier without loading, but any other getter would load it:
        // a database round trip the business call never asked for. Its key attribute is left unknown.
        Object sample = elements.get(0);
        String keyAttribute = lazyProxy(sample.getClass()) ? null : keyAttribute(first, sample, key);
        return new EntityHeld(cache, key, entities, keyAttribute, nanos);
    }

    private static List<Object> elements(Object value) {
        if (value instanceof Collection<?> collection) {
            if (collection.isEmpty() || collection.size() > MAX_ELEMENTS) {
                return List.of();
            }
            List<Object> out = new ArrayList<>(collection.size());
            for (Object element : collection) {
                if (element == null) {
                    return List.of();
                }
                out.add(element);
            }
            return out;
        }
        if (value instanceof Object[] array) {
            return array.length == 0
                            || array.length > MAX_ELEMENTS
                            || List.of(array).contains(null)
                    ? List.of()
                    : List.of(array);
        }
        if (value instanceof Map<?, ?> || plain(value.getClass())) {
            return List.of();
        }
        return List.of(value);
    }

    /** The attribute whose value prints as the key: exactly, else up to case and surrounding whitespace. */
    private static @Nullable String keyAttribute(@Nullable Shape shape, Object value, Object key) {
        if (shape == null || !plain(key.getClass())) {
            return null;
        }
        String printed = String.valueOf(key);
        String loose = null;
        String loosePrinted = null;
        for (Map.Entry<String, AccessibleObject> attribute : shape.attributes.entrySet()) {
            Object attributeValue = read(attribute.getValue(), value);
            if (attributeValue == null) {
                continue;
            }
            String text = String.valueOf(attributeValue);
            if (text.equals(printed)) {
                return attribute.getKey();
            }
            if (loose == null && attributeValue instanceof CharSequence) {
                if (loosePrinted == null) {
                    loosePrinted = printed.strip();
                }
                if (text.strip().equalsIgnoreCase(loosePrinted)) {
                    loose = attribute.getKey();
                }
            }
        }
        return loose;
    }

    private Shape shape(String cache, Class<?> type) {
        String idField = idFields.get(cache);
        if (idField == null) {
            return conventional.computeIfAbsent(type, t -> Shape.of(t, null));
        }
        return configured
                .computeIfAbsent(cache, c -> new ConcurrentHashMap<>())
                .computeIfAbsent(type, t -> Shape.of(t, idField));
    }

    private static @Nullable Object read(AccessibleObject accessor, Object target) {
        try {
            return accessor instanceof Method method ? method.invoke(target) : ((Field) accessor).get(target);
        } catch (ReflectiveOperationException | RuntimeException ex) {
            // A getter that throws (a lazy proxy outside its session, say) leaves the value unidentified.
            return null;
        }
    }

    private static boolean lazyProxy(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Class<?> implemented : c.getInterfaces()) {
                String name = implemented.getName();
                if (name.equals("org.hibernate.proxy.HibernateProxy")
                        || name.equals("org.hibernate.proxy.ProxyConfiguration")) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean plain(Class<?> type) {
        return type.isPrimitive()
                || CharSequence.class.isAssignableFrom(type)
                || Number.class.isAssignableFrom(type)
                || type == Boolean.class
                || type == Character.class
                || type == UUID.class
                || type.isEnum()
                || type.getName().startsWith("java.");
    }

    /**
     * How to read one class: its identifier and its plain attributes, each by getter where there is one (a lazy proxy
     * answers its getters, not its fields).
     */
    private record Shape(
            String typeName, @Nullable AccessibleObject id, String idName, Map<String, AccessibleObject> attributes) {

        static Shape of(Class<?> type, @Nullable String idField) {
            Map<String, AccessibleObject> attributes = new java.util.LinkedHashMap<>();
            AccessibleObject id = null;
            String idName = idField != null ? idField : "id";
            if (plain(type)) {
                return new Shape(type.getSimpleName(), null, idName, attributes);
            }
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    Method accessor = accessible(component.getAccessor());
                    if (accessor == null) {
                        continue;
                    }
                    if (plain(component.getType())) {
                        attributes.put(component.getName(), accessor);
                    }
                    if (component.getName().equals(idName) || (idField == null && annotatedId(component))) {
                        id = accessor;
                        idName = component.getName();
                    }
                }
                return new Shape(type.getSimpleName(), id, idName, attributes);
            }
            AccessibleObject conventionalId = null;
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                        continue;
                    }
                    AccessibleObject accessor = getterOrField(type, field);
                    if (accessor == null) {
                        continue;
                    }
                    if (plain(field.getType())) {
                        attributes.putIfAbsent(field.getName(), accessor);
                    }
                    if (idField != null ? field.getName().equals(idField) : annotatedId(field)) {
                        id = accessor;
                        idName = field.getName();
                    } else if (idField == null && field.getName().equals("id") && conventionalId == null) {
                        conventionalId = accessor;
                    }
                }
            }
            if (id == null && idField == null) {
                id = conventionalId;
            }
            return new Shape(type.getSimpleName(), id, idName, attributes);
        }

        private static boolean annotatedId(java.lang.reflect.AnnotatedElement element) {
            for (java.lang.annotation.Annotation annotation : element.getAnnotations()) {
                if (ID_ANNOTATIONS.contains(annotation.annotationType().getName())) {
                    return true;
                }
            }
            return false;
        }

        private static @Nullable AccessibleObject getterOrField(Class<?> type, Field field) {
            String name = field.getName();
            String suffix = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            for (String getter : new String[] {"get" + suffix, "is" + suffix}) {
                try {
                    Method method = type.getMethod(getter);
                    if (method.getParameterCount() == 0) {
                        Method accessible = accessible(method);
                        if (accessible != null) {
                            return accessible;
                        }
                    }
                } catch (NoSuchMethodException ex) {
                    // No such getter: the field itself is read below.
                }
            }
            return accessible(field);
        }

        private static <T extends AccessibleObject & Member> @Nullable T accessible(T member) {
            try {
                member.setAccessible(true);
                return member;
            } catch (RuntimeException ex) {
                // A class of a module that is not open to us: its values stay unidentified.
                return null;
            }
        }
    }
}
