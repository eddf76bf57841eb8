package dev.cacheaudit.autoconfigure.cache;

import dev.cacheaudit.core.event.CacheRegistered;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.cache.Cache;
import org.springframework.util.ClassUtils;

/**
 * Reads how long a store keeps entries: Spring Data Redis' cache configuration, Caffeine's expiry policy, a JCache
 * cache's expiry policy on creation (Ehcache 3's own expiry policy for its caches), or none for a
 * {@code ConcurrentMapCache}.
 * Each store's classes are only touched when they are on the class path.
 */
final class TimeToLive {

    private static final boolean REDIS = isPresent("org.springframework.data.redis.cache.RedisCache");

    private static final boolean CAFFEINE = isPresent("com.github.benmanes.caffeine.cache.Cache");

    private static final boolean JCACHE = isPresent("javax.cache.Cache");

    private static final boolean EHCACHE = JCACHE && isPresent("org.ehcache.Cache");

    private TimeToLive() {}

    /** Milliseconds, {@link CacheRegistered#NO_EXPIRY} or {@link CacheRegistered#UNKNOWN_TTL}. */
    static long of(Cache store) {
        try {
            if (store instanceof org.springframework.cache.concurrent.ConcurrentMapCache) {
                return CacheRegistered.NO_EXPIRY;
            }
            if (REDIS && store instanceof org.springframework.data.redis.cache.RedisCache redis) {
                return Redis.ttl(redis);
            }
            if (CAFFEINE && store.getNativeCache() instanceof com.github.benmanes.caffeine.cache.Cache<?, ?> caffeine) {
                return Caffeine.ttl(caffeine);
            }
            if (JCACHE && store.getNativeCache() instanceof javax.cache.Cache<?, ?> jcache) {
                return JCache.ttl(jcache);
            }
        } catch (RuntimeException | LinkageError ex) {
            // A store we cannot read just has an unknown time to live.
        }
        return CacheRegistered.UNKNOWN_TTL;
    }

    private static boolean isPresent(String className) {
        return ClassUtils.isPresent(className, TimeToLive.class.getClassLoader());
    }

    private static long millis(Duration duration) {
        return duration.isZero() || duration.isNegative() ? CacheRegistered.NO_EXPIRY : duration.toMillis();
    }

    private static final class Redis {

        static long ttl(org.springframework.data.redis.cache.RedisCache cache) {
            Duration ttl = cache.getCacheConfiguration().getTtlFunction().getTimeToLive(new Object(), null);
            return millis(ttl);
        }
    }

    private static final class Caffeine {

        static long ttl(com.github.benmanes.caffeine.cache.Cache<?, ?> cache) {
            var policy = cache.policy();
            var write = policy.expireAfterWrite();
            if (write.isPresent()) {
                return write.get().getExpiresAfter(TimeUnit.MILLISECONDS);
            }
            var access = policy.expireAfterAccess();
            if (access.isPresent()) {
                return access.get().getExpiresAfter(TimeUnit.MILLISECONDS);
            }
            return policy.expireVariably().isPresent() ? CacheRegistered.UNKNOWN_TTL : CacheRegistered.NO_EXPIRY;
        }
    }

    private static final class JCache {

        static long ttl(javax.cache.Cache<?, ?> cache) {
            if (EHCACHE && cache.getClass().getName().startsWith("org.ehcache.")) {
                // A cache configured in Ehcache's terms does not answer JCache's expiry questions.
                return Ehcache.ttl(cache);
            }
            javax.cache.configuration.CompleteConfiguration<?, ?> configuration =
                    cache.getConfiguration(javax.cache.configuration.CompleteConfiguration.class);
            javax.cache.expiry.ExpiryPolicy policy =
                    configuration.getExpiryPolicyFactory().create();
            javax.cache.expiry.Duration created = policy.getExpiryForCreation();
            if (created == null || created.isZero()) {
                return CacheRegistered.UNKNOWN_TTL;
            }
            if (created.isEternal()) {
                return CacheRegistered.NO_EXPIRY;
            }
            return created.getTimeUnit().toMillis(created.getDurationAmount());
        }
    }

    private static final class Ehcache {

        @SuppressWarnings("unchecked")
        static long ttl(javax.cache.Cache<?, ?> cache) {
            org.ehcache.Cache<?, ?> ehcache = cache.unwrap(org.ehcache.Cache.class);
            var policy = (org.ehcache.expiry.ExpiryPolicy<Object, Object>)
                    ehcache.getRuntimeConfiguration().getExpiryPolicy();
            // Ehcache's own policies do not look at the entry; one that does may throw, and the TTL stays unknown.
            Duration created = policy.getExpiryForCreation(new Object(), new Object());
            if (created == null || created.isZero() || created.isNegative()) {
                return CacheRegistered.UNKNOWN_TTL;
            }
            return created.equals(org.ehcache.expiry.ExpiryPolicy.INFINITE)
                    ? CacheRegistered.NO_EXPIRY
                    : created.toMillis();
        }
    }
}
