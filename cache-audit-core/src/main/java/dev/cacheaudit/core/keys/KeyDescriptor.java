package dev.cacheaudit.core.keys;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the engine knows of one key object: its type, how it prints, its shape and, for composite keys, its
 * components.
 *
 * @param type the simple name of the key's class
 * @param printed the key as {@link String#valueOf(Object)} prints it
 * @param shape the printed key's shape
 * @param composite whether the key is a composite of several values (a {@code SimpleKey} of several arguments or of
 *     none, say)
 * @param components the printed components of a composite key; the key itself otherwise
 */
public record KeyDescriptor(String type, String printed, KeyShape shape, boolean composite, List<String> components) {

    public KeyDescriptor {
        components = List.copyOf(components);
    }

    /** Describes a key object. */
    public static KeyDescriptor of(Object key, KeyDecomposer decomposer) {
        String printed = String.valueOf(key);
        @Nullable List<Object> parts = decomposer.components(key);
        if (parts == null) {
            return new KeyDescriptor(
                    key.getClass().getSimpleName(), printed, KeyShape.of(printed), false, List.of(printed));
        }
        List<String> printedParts = parts.stream().map(String::valueOf).toList();
        return new KeyDescriptor(key.getClass().getSimpleName(), printed, KeyShape.of(printed), true, printedParts);
    }

    /** Describes a Redis key from its exact bytes, as UTF-8 text when it is printable and as hex otherwise. */
    public static KeyDescriptor ofRedis(byte[] key) {
        String printed = RedisKeys.print(key);
        return new KeyDescriptor("bytes", printed, KeyShape.of(printed), false, List.of(printed));
    }
}
