package dev.cacheaudit.core.verify;

import dev.cacheaudit.core.verify.ValueInspector.Attribute;
import dev.cacheaudit.core.verify.ValueInspector.EntityState;
import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One walk over a cached value and the source's, side by side, collecting the paths that differ and those left out.
 * Lists are compared in order first; when only the order differs (a query without {@code order by} returns rows in
 * whatever order the database likes), they are the same data. Lists and sets of entities are matched by identifier.
 */
final class StateWalk {

    static final String WHOLE_VALUE = "<value>";

    private static final int MAX_DEPTH = 16;

    /** Beyond this, unordered matching of elements without identifiers (quadratic) is not tried. */
    private static final int MAX_UNORDERED = 256;

    private static final ClassValue<Boolean> DEFINES_EQUALS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("equals", Object.class).getDeclaringClass() != Object.class;
            } catch (NoSuchMethodException ex) {
                return false;
            }
        }
    };

    private static final ClassValue<Boolean> ANNOTATED_ENTITY = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Annotation annotation : c.getAnnotations()) {
                    if (annotation.annotationType().getSimpleName().equals("Entity")) {
                        return true;
                    }
                }
            }
            return false;
        }
    };

    private static final ClassValue<Optional<Field>> VERSION_FIELD = new ClassValue<>() {
        @Override
        protected Optional<Field> computeValue(Class<?> type) {
            return Optional.ofNullable(versionField(type));
        }
    };

    private final Set<String> ignored;

    private final ValueInspector inspector;

    private final Set<String> differing = new LinkedHashSet<>();

    private final Set<String> notCompared = new LinkedHashSet<>();

    /** Pairs already being compared: cycles (a parent and its children pointing back) are walked once. */
    private final Map<Object, Object> visiting = new IdentityHashMap<>();

    StateWalk(Set<String> ignored, ValueInspector inspector) {
        this.ignored = ignored;
        this.inspector = inspector;
    }

    Set<String> differing() {
        return differing;
    }

    Set<String> notCompared() {
        return notCompared;
    }

    void compare(String path, @Nullable Object cached, @Nullable Object source, int depth)
            throws ReflectiveOperationException {
        if (cached == source) {
            return;
        }
        if (cached == null || source == null) {
            differ(path);
            return;
        }
        if (depth > MAX_DEPTH) {
            notCompared.add(name(path));
            return;
        }
        if (cached instanceof Optional<?> a && source instanceof Optional<?> b) {
            compare(path, a.orElse(null), b.orElse(null), depth + 1);
            return;
        }
        EntityState cachedState = inspector.stateOf(cached);
        EntityState sourceState = inspector.stateOf(source);
        if (cachedState != null || sourceState != null) {
            if (cachedState == null || sourceState == null) {
                differ(join(path, "<type>"));
            } else if (visiting.put(cached, source) == null) {
                try {
                    entity(path, cachedState, sourceState, depth);
                } finally {
                    visiting.remove(cached);
                }
            }
            return;
        }
        if (cached instanceof Collection<?> a && source instanceof Collection<?> b) {
            collection(path, a, b, depth);
            return;
        }
        if (cached instanceof Map<?, ?> a && source instanceof Map<?, ?> b) {
            map(path, a, b, depth);
            return;
        }
        if (cached instanceof Date a && source instanceof Date b) {
            // java.sql.Timestamp from the database, java.util.Date from a JSON cache: the same instant.
            if (a.getTime() != b.getTime()) {
                differ(path);
            }
            return;
        }
        if (cached instanceof Number a && source instanceof Number b && isJdk(a.getClass()) && isJdk(b.getClass())) {
            if (a.getClass() == b.getClass() ? !numberEquals(a, b) : !decimal(a).equals(decimal(b))) {
                differ(path);
            }
            return;
        }
        Class<?> type = cached.getClass();
        if (type != source.getClass()) {
            differ(join(path, "<type>"));
            return;
        }
        if (type.isArray()) {
            if (type.getComponentType().isPrimitive()) {
                if (!Objects.deepEquals(cached, source)) {
                    differ(path);
                }
            } else {
                collection(path, arrayList(cached), arrayList(source), depth);
            }
            return;
        }
        if (type.isEnum() || isJdk(type)) {
            if (!cached.equals(source)) {
                differ(path);
            }
            return;
        }
        if (visiting.put(cached, source) != null) {
            return;
        }
        try {
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    Method accessor = component.getAccessor();
                    accessor.setAccessible(true);
                    String child = join(path, component.getName());
                    if (!isIgnored(child, component.getName())) {
                        compare(child, accessor.invoke(cached), accessor.invoke(source), depth + 1);
                    }
                }
            } else if (ANNOTATED_ENTITY.get(type) || VERSION_FIELD.get(type).isPresent()) {
                annotatedEntity(path, cached, source, depth);
            } else if (DEFINES_EQUALS.get(type)) {
                // A value type with its own equals: trusted when it says equal. When it says different, its fields
                // decide: a wrapper such as a Page is "different" as soon as it holds entities without equals.
                if (!cached.equals(source)) {
                    fields(path, cached, source, depth);
                }
            } else {
                fields(path, cached, source, depth);
            }
        } finally {
            visiting.remove(cached);
        }
    }

    private void entity(String path, EntityState cached, EntityState source, int depth)
            throws ReflectiveOperationException {
        if (!cached.entity().equals(source.entity())) {
            differ(join(path, "<type>"));
            return;
        }
        if (!cached.loaded() || !source.loaded()) {
            if (!Objects.equals(cached.id(), source.id())) {
                differ(join(path, "<id>"));
            } else {
                notCompared.add(name(path));
            }
            return;
        }
        if (cached.version() != null
                && source.version() != null
                && cached.version().equals(source.version())) {
            return;
        }
        Map<String, Attribute> sourceAttributes = new HashMap<>();
        for (Attribute attribute : source.attributes()) {
            sourceAttributes.put(attribute.name(), attribute);
        }
        for (Attribute attribute : cached.attributes()) {
            String child = join(path, attribute.name());
            Attribute other = sourceAttributes.get(attribute.name());
            if (isIgnored(child, attribute.name())) {
                continue;
            }
            if (other == null
                    || attribute.kind() == ValueInspector.Kind.NOT_LOADED
                    || other.kind() == ValueInspector.Kind.NOT_LOADED) {
                notCompared.add(child);
                continue;
            }
            compare(child, attribute.value(), other.value(), depth + 1);
        }
    }

    /**
     * An {@code @Entity} no inspector knows (no JPA in this process), or a class with a {@code @Version} field: its
     * version where both sides have one, then its fields, never its equals.
     */
    private void annotatedEntity(String path, Object cached, Object source, int depth)
            throws ReflectiveOperationException {
        Field version = VERSION_FIELD.get(cached.getClass()).orElse(null);
        if (version != null && !isIgnored(join(path, version.getName()), version.getName())) {
            Object a = read(version, cached);
            if (a != null && a.equals(read(version, source))) {
                return;
            }
        }
        fields(path, cached, source, depth);
    }

    private void fields(String path, Object cached, Object source, int depth) throws ReflectiveOperationException {
        for (Class<?> c = cached.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            if (isJdk(c)) {
                if (!cached.equals(source)) {
                    differ(path);
                }
                return;
            }
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers)
                        || Modifier.isTransient(modifiers)
                        || field.isSynthetic()
                        || field.getName().startsWith("$$_")) {
                    continue;
                }
                String child = join(path, field.getName());
                if (!isIgnored(child, field.getName())) {
                    compare(child, read(field, cached), read(field, source), depth + 1);
                }
            }
        }
    }

    private void collection(String path, Collection<?> cached, Collection<?> source, int depth)
            throws ReflectiveOperationException {
        String elements = path + "[]";
        if (cached.size() != source.size()) {
            differ(elements);
            return;
        }
        if (cached.isEmpty()) {
            return;
        }
        Map<Object, Object> cachedById = byId(cached);
        Map<Object, Object> sourceById = cachedById != null ? byId(source) : null;
        if (cachedById != null && sourceById != null) {
            if (!cachedById.keySet().equals(sourceById.keySet())) {
                differ(elements);
                return;
            }
            for (Map.Entry<Object, Object> entry : cachedById.entrySet()) {
                compare(elements, entry.getValue(), sourceById.get(entry.getKey()), depth + 1);
            }
            return;
        }
        List<?> a = new ArrayList<>(cached);
        List<?> b = new ArrayList<>(source);
        StateWalk inOrder = child();
        for (int i = 0; i < a.size(); i++) {
            inOrder.compare(elements, a.get(i), b.get(i), depth + 1);
        }
        if (inOrder.differing.isEmpty() || a.size() > MAX_UNORDERED) {
            differing.addAll(inOrder.differing);
            notCompared.addAll(inOrder.notCompared);
            return;
        }
        // Pair every element with an equal one in any order; only the elements left over differ.
        boolean[] cachedMatched = new boolean[a.size()];
        boolean[] sourceMatched = new boolean[b.size()];
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size() && !cachedMatched[i]; j++) {
                if (!sourceMatched[j]) {
                    StateWalk one = child();
                    one.compare("", a.get(i), b.get(j), depth + 1);
                    if (one.differing.isEmpty()) {
                        cachedMatched[i] = true;
                        sourceMatched[j] = true;
                        notCompared.addAll(one.notCompared.stream()
                                .map(p -> p.equals(WHOLE_VALUE) ? elements : elements + "." + p)
                                .toList());
                    }
                }
            }
        }
        int j = 0;
        for (int i = 0; i < a.size(); i++) {
            if (!cachedMatched[i]) {
                while (sourceMatched[j]) {
                    j++;
                }
                compare(elements, a.get(i), b.get(j++), depth + 1);
            }
        }
    }

    /** Elements by identifier when every element is an entity with one (and no identifier repeats), else null. */
    private @Nullable Map<Object, Object> byId(Collection<?> elements) {
        Map<Object, Object> byId = new LinkedHashMap<>();
        for (Object element : elements) {
            EntityState state = element != null ? inspector.stateOf(element) : null;
            // Identifiers by equals, as JPA requires of them (an @EmbeddedId need not print its value).
            if (state == null || state.id() == null || byId.put(List.of(state.entity(), state.id()), element) != null) {
                return null;
            }
        }
        return byId;
    }

    private void map(String path, Map<?, ?> cached, Map<?, ?> source, int depth) throws ReflectiveOperationException {
        String values = path + "{}";
        if (!cached.keySet().equals(source.keySet())) {
            differ(values);
            return;
        }
        for (Map.Entry<?, ?> entry : cached.entrySet()) {
            compare(values, entry.getValue(), source.get(entry.getKey()), depth + 1);
        }
    }

    private StateWalk child() {
        StateWalk child = new StateWalk(ignored, inspector);
        child.visiting.putAll(visiting);
        return child;
    }

    private boolean isIgnored(String path, String name) {
        return !ignored.isEmpty() && (ignored.contains(name) || ignored.contains(path));
    }

    private void differ(String path) {
        differing.add(name(path));
    }

    private static String name(String path) {
        return path.isEmpty() ? WHOLE_VALUE : path;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static boolean isJdk(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.");
    }

    private static boolean numberEquals(Number a, Number b) {
        return a instanceof BigDecimal x && b instanceof BigDecimal y ? x.compareTo(y) == 0 : a.equals(b);
    }

    private static BigDecimal decimal(Number number) {
        return new BigDecimal(number.toString()).stripTrailingZeros();
    }

    private static List<Object> arrayList(Object array) {
        int length = Array.getLength(array);
        List<Object> list = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            list.add(Array.get(array, i));
        }
        return list;
    }

    private static @Nullable Object read(Field field, Object target) throws IllegalAccessException {
        field.setAccessible(true);
        return field.get(target);
    }

    private static @Nullable Field versionField(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                for (Annotation annotation : field.getAnnotations()) {
                    if (annotation.annotationType().getSimpleName().equals("Version")) {
                        return field;
                    }
                }
            }
        }
        return null;
    }
}
