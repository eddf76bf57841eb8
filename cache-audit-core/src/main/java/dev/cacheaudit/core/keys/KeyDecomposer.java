package dev.cacheaudit.core.keys;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Opens composite key types the core does not know (Spring's {@code SimpleKey}, say) into their components.
 */
@FunctionalInterface
public interface KeyDecomposer {

    /** A decomposer that knows no composite type. */
    KeyDecomposer NONE = key -> null;

    /**
     * Returns the components of a composite key, or {@code null} when the key is not one this decomposer knows.
     */
    @Nullable
    List<Object> components(Object key);
}
