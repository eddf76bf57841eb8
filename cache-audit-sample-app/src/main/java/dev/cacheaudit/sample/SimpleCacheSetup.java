package dev.cacheaudit.sample;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The in-memory cache manager used when {@code spring.cache.type=simple} (the fallback {@code main} chooses when
 * Redis is unreachable). Spring Boot would configure it itself, but backs off as soon as any {@code CacheManager} bean
 * exists, and {@link LocalCacheSetup} always defines one; so the primary manager is declared here.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.cache.type", havingValue = "simple")
class SimpleCacheSetup {

    @Bean
    @Primary
    ConcurrentMapCacheManager cacheManager() {
        return new ConcurrentMapCacheManager();
    }
}
