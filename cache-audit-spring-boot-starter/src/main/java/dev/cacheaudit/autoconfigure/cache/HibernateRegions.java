package dev.cacheaudit.autoconfigure.cache;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * Recognises a cache that is one of Hibernate's second-level cache regions by the name Hibernate gives it: the update
 * timestamps and query results regions, a cached entity's region (its class name) and a cached collection's region
 * (the class name and the attribute), each possibly behind a {@code hibernate.cache.region_prefix}. Such a cache shows
 * up among the application's caches when it lives in the same JCache {@code CacheManager} (Spring's
 * {@code JCacheCacheManager} lists every cache of its manager), but Hibernate reads and writes it directly, never
 * through Spring. An entity counts when it carries {@code @Cacheable} or Hibernate's {@code @Cache}, a collection when
 * its attribute carries {@code @Cache}: a cache of the application's own that happens to be named after an entity is
 * still audited.
 */
final class HibernateRegions {

    private static final String TIMESTAMPS = "default-update-timestamps-region";

    private static final String QUERY_RESULTS = "default-query-results-region";

    /** How many leading dot-separated parts a region prefix may have. */
    private static final int MAX_PREFIX_PARTS = 4;

    private HibernateRegions() {}

    static boolean isRegion(String name) {
        if (name.equals(TIMESTAMPS)
                || name.equals(QUERY_RESULTS)
                || name.endsWith("." + TIMESTAMPS)
                || name.endsWith("." + QUERY_RESULTS)) {
            return true;
        }
        if (name.indexOf('.') < 0) {
            return false;
        }
        ClassLoader loader = ClassUtils.getDefaultClassLoader();
        Class<? extends Annotation> entity = annotation("jakarta.persistence.Entity", loader);
        Class<? extends Annotation> cacheable = annotation("jakarta.persistence.Cacheable", loader);
        Class<? extends Annotation> cache = annotation("org.hibernate.annotations.Cache", loader);
        if (entity == null || cache == null) {
            return false;
        }
        String candidate = name;
        for (int prefix = 0; prefix <= MAX_PREFIX_PARTS; prefix++) {
            Class<?> type = load(candidate, loader);
            if (type != null && type.isAnnotationPresent(entity)) {
                return type.isAnnotationPresent(cache) || (cacheable != null && type.isAnnotationPresent(cacheable));
            }
            int last = candidate.lastIndexOf('.');
            Class<?> owner = last > 0 ? load(candidate.substring(0, last), loader) : null;
            if (owner != null && owner.isAnnotationPresent(entity)) {
                Field attribute = field(owner, candidate.substring(last + 1));
                return attribute != null && attribute.isAnnotationPresent(cache);
            }
            int first = candidate.indexOf('.');
            if (first < 0) {
                return false;
            }
            candidate = candidate.substring(first + 1);
        }
        return false;
    }

    private static @Nullable Field field(Class<?> type, String name) {
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            for (Field field : current.getDeclaredFields()) {
                if (field.getName().equals(name)) {
                    return field;
                }
            }
        }
        return null;
    }

    private static @Nullable Class<?> load(String className, @Nullable ClassLoader loader) {
        if (className.indexOf('.') < 0) {
            return null;
        }
        try {
            return ClassUtils.forName(className, loader);
        } catch (ClassNotFoundException | LinkageError | IllegalArgumentException ex) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Class<? extends Annotation> annotation(String name, @Nullable ClassLoader loader) {
        Class<?> type = load(name, loader);
        return type != null && type.isAnnotation() ? (Class<? extends Annotation>) type : null;
    }
}
