package dev.cacheaudit.sample;

import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A second cache manager, in this instance's memory, for caches that need no sharing between instances. Annotations
 * name it with {@code cacheManager = CacheNames.LOCAL_CACHE_MANAGER}; the primary manager stays the shared one.
 */
@Configuration(proxyBeanMethods = false)
class LocalCacheSetup {

    @Bean(CacheNames.LOCAL_CACHE_MANAGER)
    ConcurrentMapCacheManager localCacheManager() {
        return new ConcurrentMapCacheManager();
    }
}
