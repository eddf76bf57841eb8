package dev.cacheaudit.autoconfigure.cache;

import org.springframework.cache.Cache;

/** Names the kind of store behind a cache from its class, without depending on any store's library. */
final class Backends {

    private Backends() {}

    static String of(Cache cache) {
        String type = cache.getClass().getName();
        if (type.startsWith("org.springframework.data.redis.")) {
            return "redis";
        }
        if (type.contains("Caffeine")) {
            return "caffeine";
        }
        if (type.contains("JCache")) {
            return "jcache";
        }
        if (type.contains("ConcurrentMapCache")) {
            return "map";
        }
        if (type.contains("NoOp")) {
            return "none";
        }
        return cache.getClass().getSimpleName();
    }
}
