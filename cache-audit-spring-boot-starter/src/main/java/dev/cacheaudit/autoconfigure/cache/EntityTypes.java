package dev.cacheaudit.autoconfigure.cache;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;

/**
 * Learns which entity type a {@code @Cacheable} method's values are: its return type, unwrapped from
 * {@code Optional}, collections, arrays, maps' values and futures. A type counts as an entity when it carries a
 * persistence annotation ({@code @Entity}, {@code @Document}, {@code @Table}, ...), so DTOs are left to configuration
 * ({@code cache-audit.caches.<name>.entity}).
 */
final class EntityTypes {

    private static final String[] ENTITY_ANNOTATIONS = {
        "jakarta.persistence.Entity",
        "javax.persistence.Entity",
        "org.springframework.data.mongodb.core.mapping.Document",
        "org.springframework.data.relational.core.mapping.Table",
        "org.springframework.data.redis.core.RedisHash"
    };

    private EntityTypes() {}

    static @Nullable Class<?> heldBy(Method method, Class<?> targetClass) {
        ResolvableType type = ResolvableType.forMethodReturnType(method, targetClass);
        for (int depth = 0; depth < 4; depth++) {
            Class<?> raw = type.resolve();
            if (raw == null) {
                return null;
            }
            if (raw.isArray()) {
                type = type.getComponentType();
            } else if (Optional.class.isAssignableFrom(raw)
                    || Collection.class.isAssignableFrom(raw)
                    || Iterable.class.isAssignableFrom(raw)
                    || CompletableFuture.class.isAssignableFrom(raw)) {
                type = type.getGeneric(0);
            } else if (Map.class.isAssignableFrom(raw)) {
                type = type.getGeneric(1);
            } else {
                return isEntity(raw) ? raw : null;
            }
        }
        return null;
    }

    private static boolean isEntity(Class<?> type) {
        for (Annotation annotation : type.getAnnotations()) {
            String name = annotation.annotationType().getName();
            for (String entity : ENTITY_ANNOTATIONS) {
                if (entity.equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
