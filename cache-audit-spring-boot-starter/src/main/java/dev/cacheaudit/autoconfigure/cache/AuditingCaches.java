package dev.cacheaudit.autoconfigure.cache;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cache.Cache;
import org.springframework.cache.transaction.TransactionAwareCacheDecorator;

/**
 * The audited decorators of one cache manager's caches, made once per cache and handed out on every lookup. Hibernate's
 * second-level cache regions that live in the same manager are left out by design ({@link HibernateRegions}): Hibernate
 * reads and writes them directly, so a decorator would see none of it, and Hibernate keeps them consistent with the
 * writes it makes itself.
 */
final class AuditingCaches {

    private static final Logger logger = LoggerFactory.getLogger(AuditingCaches.class);

    private final ObjectProvider<CacheRecorder> recorder;

    private final Map<String, AuditingCache> decorated = new ConcurrentHashMap<>();

    /** Hibernate's regions among this manager's caches, handed out as they are. */
    private final Set<String> leftOut = ConcurrentHashMap.newKeySet();

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
        if (leftOut.contains(cache.getName())) {
            return cache;
        }
        if (HibernateRegions.isRegion(cache.getName())) {
            if (leftOut.add(cache.getName())) {
                logger.info(
                        "cache-audit: cache '{}' is a Hibernate second-level cache region, which Hibernate reads and"
                                + " writes directly and keeps consistent with its own writes; it is left out of the"
                                + " audit",
                        cache.getName());
            }
            return cache;
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
