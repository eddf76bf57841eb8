package dev.cacheaudit.core.verify;

import org.jspecify.annotations.Nullable;

/**
 * Reads the source of truth of one cache, for caches filled by hand where no {@code @Cacheable} method can be
 * re-invoked. Declared as a bean, it is used for the cache it names. It must only read.
 */
public interface SourceOfTruth {

    /** The cache this source backs. */
    String cache();

    /** The current value for a key, or {@code null} when the source has none. */
    @Nullable
    Object load(Object key) throws Exception;
}
