package dev.cacheaudit.autoconfigure.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cache.Cache;

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
        if (existing != null && existing.getTargetCache() == cache) {
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
}
