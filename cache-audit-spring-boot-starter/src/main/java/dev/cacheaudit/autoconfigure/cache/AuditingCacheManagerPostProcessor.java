package dev.cacheaudit.autoconfigure.cache;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * Decorates every {@link CacheManager} bean so that every {@link Cache} it hands out, including caches created
 * lazily, is an {@link AuditingCache}. The manager keeps its concrete type (see {@link CacheManagerProxies}), so that
 * beans injected by the manager's class ({@code RedisCacheManager}, say) keep working.
 */
public final class AuditingCacheManagerPostProcessor implements BeanPostProcessor {

    private final ObjectProvider<CacheRecorder> recorder;

    public AuditingCacheManagerPostProcessor(ObjectProvider<CacheRecorder> recorder) {
        this.recorder = recorder;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof CacheManager manager) || bean instanceof AuditedCacheManager) {
            return bean;
        }
        return CacheManagerProxies.proxy(manager, new AuditingCaches(recorder), beanName);
    }

    /** Marks a cache manager that is already decorated. */
    public interface AuditedCacheManager {}
}
