package dev.cacheaudit.core.verify;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Compares a cached value with the source's. A JPA {@code @Version} field, where both values have one, decides first;
 * then {@code equals} where the type defines it; otherwise field by field. The names of the fields that differ are
 * reported, never their values. A comparison that throws (an {@code equals} that fails, say) is inconclusive.
 */
public final class ValueComparison {

    private static final ClassValue<Boolean> DEFINES_EQUALS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                Method equals = type.getMethod("equals", Object.class);
                return equals.getDeclaringClass() != Object.class;
            } catch (NoSuchMethodException ex) {
                return false;
            }
        }
    };

    private ValueComparison() {}

    /** The outcome of one comparison. */
    public record Result(Verdict verdict, List<String> differingFields) {

        public static final Result FRESH = new Result(Verdict.FRESH, List.of());

        static Result inconclusive() {
            return new Result(Verdict.INCONCLUSIVE, List.of());
        }

        static Result stale(List<String> fields) {
            return new Result(Verdict.STALE, List.copyOf(fields.isEmpty() ? List.of("<value>") : fields));
        }
    }

    /** Whether the cached value matches the source. */
    public enum Verdict {
        FRESH,
        STALE,
        INCONCLUSIVE
    }

    /**
     * Compares two values.
     *
     * @param cached the value the cache holds
     * @param source the value the source gives
     * @param ignored names of fields that do not count
     */
    public static Result compare(@Nullable Object cached, @Nullable Object source, Set<String> ignored) {
        try {
            if (cached == null || source == null) {
                return cached == source ? Result.FRESH : Result.stale(List.of("<value>"));
            }
            if (cached.getClass() != source.getClass()) {
                return Result.stale(List.of("<type>"));
            }
            Field version = versionField(cached.getClass());
            if (version != null && !ignored.contains(version.getName())) {
                return Objects.equals(read(version, cached), read(version, source))
                        ? Result.FRESH
                        : Result.stale(List.of(version.getName()));
            }
            List<String> differing = differingFields(cached, source, ignored);
            if (ignored.isEmpty() && DEFINES_EQUALS.get(cached.getClass())) {
                return cached.equals(source) ? Result.FRESH : Result.stale(differing);
            }
            return differing.isEmpty() ? Result.FRESH : Result.stale(differing);
        } catch (RuntimeException | ReflectiveOperationException | LinkageError | StackOverflowError ex) {
            return Result.inconclusive();
        }
    }

    private static List<String> differingFields(Object cached, Object source, Set<String> ignored)
            throws ReflectiveOperationException {
        List<String> differing = new ArrayList<>();
        Class<?> type = cached.getClass();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                Method accessor = component.getAccessor();
                accessor.setAccessible(true);
                if (!ignored.contains(component.getName())
                        && !Objects.deepEquals(accessor.invoke(cached), accessor.invoke(source))) {
                    differing.add(component.getName());
                }
            }
            return differing;
        }
        if (type.getName().startsWith("java.")) {
            return cached.equals(source) ? List.of() : List.of("<value>");
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers)
                        || Modifier.isTransient(modifiers)
                        || ignored.contains(field.getName())) {
                    continue;
                }
                if (!Objects.deepEquals(read(field, cached), read(field, source))) {
                    differing.add(field.getName());
                }
            }
        }
        return differing;
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
