package dev.cacheaudit.autoconfigure.cache;

import dev.cacheaudit.core.keys.KeyDecomposer;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.interceptor.SimpleKey;

/**
 * Opens Spring's {@link SimpleKey} (the default key of methods with zero or several parameters) into its parameters.
 * Runs on the engine thread.
 */
public final class SimpleKeyDecomposer implements KeyDecomposer {

    private static final @Nullable Field PARAMS = paramsField();

    private static @Nullable Field paramsField() {
        try {
            Field field = SimpleKey.class.getDeclaredField("params");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException ex) {
            return null;
        }
    }

    @Override
    public @Nullable List<Object> components(Object key) {
        if (!(key instanceof SimpleKey simpleKey)) {
            return null;
        }
        if (PARAMS != null) {
            try {
                Object[] params = (Object[]) PARAMS.get(simpleKey);
                return Arrays.asList(params);
            } catch (ReflectiveOperationException | RuntimeException ex) {
                // fall through to the printed form
            }
        }
        String printed = simpleKey.toString();
        int open = printed.indexOf('[');
        int close = printed.lastIndexOf(']');
        if (open < 0 || close <= open + 1) {
            return List.of();
        }
        return List.of((Object[]) printed.substring(open + 1, close).split(","));
    }
}
