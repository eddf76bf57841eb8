package dev.cacheaudit.autoconfigure.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cache.Cache;
import org.springframework.cache.transaction.TransactionAwareCacheDecorator;

/** The audited decorators of one cache manager's caches, made once per cache and handed out on every lookup. */
final class AuditingCaches {

    private final ObjectProvider<CacheRecorder> recorder;

    private final Map<String, AuditingCache> decorated = new ConcurrentHashMap<>();

    AuditingCaches(ObjectProvider<CacheRecorder> recorder) {
        this.recorder = recorder;
    }

    Cache decorate(Cache cache) {
        if (cache instanceof AuditingCache) {
            return cache;
        }
        AuditingCache existing = decorated.get(cache.getName());
        if (existing != null && sameStore(existing.getTargetCache(), cache)) {
            return existing;
        }
        CacheRecorder current = recorder.getIfAvailable();
        if (current == null) {
            return cache;
        }
        AuditingCache created = new AuditingCache(cache, current);
        decorated.put(cache.getName(), created);
        return created;
    }

    /**
     * Whether two caches are the same store. {@code TransactionAwareCacheManagerProxy} wraps its target's cache in a
     * new {@link TransactionAwareCacheDecorator} on every lookup: without unwrapping, every cache call would make and
     * register a new audited cache.
     */
    private static boolean sameStore(Cache known, Cache found) {
        if (known == found) {
            return true;
        }
        return known instanceof TransactionAwareCacheDecorator knownDecorator
                && found instanceof TransactionAwareCacheDecorator foundDecorator
                && knownDecorator.getTargetCache() == foundDecorator.getTargetCache();
    }
}
