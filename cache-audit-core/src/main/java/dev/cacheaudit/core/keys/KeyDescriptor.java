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

    private static final java.util.Set<String> SIMPLE_TYPES = java.util.Set.of(
            "String",
            "Long",
            "Integer",
            "Short",
            "Byte",
            "Double",
            "Float",
            "BigDecimal",
            "BigInteger",
            "UUID",
            "Character",
            "Boolean",
            "LocalDate",
            "Instant",
            "bytes");

    public KeyDescriptor {
        components = List.copyOf(components);
    }

    /**
     * Whether the key is a single plain value (a string, a number, a UUID, ...) rather than a composite or a whole
     * object used as a key.
     */
    public boolean simpleValue() {
        return !composite && SIMPLE_TYPES.contains(type);
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

    /** The same kind of key with another printed value, such as the read form of a written key. */
    public KeyDescriptor withPrinted(String otherPrinted) {
        return ofPrinted(type, otherPrinted);
    }

    /** A key of one simple value known only by its type and printed form, such as a twin found in the state. */
    public static KeyDescriptor ofPrinted(String type, String printed) {
        return new KeyDescriptor(type, printed, KeyShape.of(printed), false, List.of(printed));
    }

    /** The same key with another shape, such as one where words learned to be data are variables. */
    public KeyDescriptor withShape(KeyShape otherShape) {
        return new KeyDescriptor(type, printed, otherShape, composite, components);
    }

    /** Describes a Redis key from its exact bytes, as UTF-8 text when it is printable and as hex otherwise. */
    public static KeyDescriptor ofRedis(byte[] key) {
        String printed = RedisKeys.print(key);
        return new KeyDescriptor("bytes", printed, KeyShape.of(printed), false, List.of(printed));
    }
}
