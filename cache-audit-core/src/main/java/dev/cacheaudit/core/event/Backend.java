package dev.cacheaudit.core.event;

import java.util.Locale;

/**
 * The kind of store behind a cache. The recording layer names a store ({@link CacheRegistered#backend()}); this is
 * where a name is classified, once, for every check that depends on the store: how it compares keys, whether it is
 * local to the instance. The report keeps writing the name.
 */
public enum Backend {

    /** Spring Data Redis: shared by every instance, keys compared in their serialised form. */
    REDIS,

    /** Caffeine, local to the instance. */
    CAFFEINE,

    /** A JCache (JSR-107) cache such as Ehcache 3, local to the instance. */
    JCACHE,

    /** Spring's {@code ConcurrentMapCache}, local to the instance. */
    MAP,

    /** Spring's no-op cache, which holds nothing. */
    NONE,

    /** A store the recording layer does not know; the name is its class's simple name. */
    OTHER,

    /** No store was named (the cache was never registered). */
    UNKNOWN;

    private final String id = name().toLowerCase(Locale.ROOT);

    /** The name the report writes, such as {@code redis}. */
    public String id() {
        return id;
    }

    /** Whether each instance holds its own entries, so that one instance's invalidation does not reach the others. */
    public boolean local() {
        return this == CAFFEINE || this == JCACHE || this == MAP;
    }

    /** Whether the store compares keys by their serialised form, so that keys that print the same are one entry. */
    public boolean serializesKeys() {
        return this == REDIS;
    }

    /** The kind a store's name stands for; {@link #OTHER} for a name not listed here. */
    public static Backend of(String name) {
        for (Backend backend : values()) {
            if (backend.id.equals(name)) {
                return backend;
            }
        }
        return OTHER;
    }
}
