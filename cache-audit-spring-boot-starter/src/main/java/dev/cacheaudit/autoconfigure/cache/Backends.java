package dev.cacheaudit.autoconfigure.cache;

import dev.cacheaudit.core.event.Backend;
import org.springframework.cache.Cache;

/**
 * Names the store behind a cache from its class, without depending on any store's library: a {@link Backend}'s id, or
 * the class's simple name for a store not known there.
 */
final class Backends {

    private Backends() {}

    static String of(Cache cache) {
        String type = cache.getClass().getName();
        if (type.startsWith("org.springframework.data.redis.")) {
            return Backend.REDIS.id();
        }
        if (type.contains("Caffeine")) {
            return Backend.CAFFEINE.id();
        }
        if (type.contains("JCache")) {
            return Backend.JCACHE.id();
        }
        if (type.contains("ConcurrentMapCache")) {
            return Backend.MAP.id();
        }
        if (type.contains("NoOp")) {
            return Backend.NONE.id();
        }
        return cache.getClass().getSimpleName();
    }
}
