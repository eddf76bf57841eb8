package dev.cacheaudit.autoconfigure.it;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * A test application whose caches are kept in memory: Boot's auto-configuration (the starter's with it), caching on,
 * and a {@link ConcurrentMapCacheManager} that creates a cache on first use, so that each test names its caches only
 * where its beans use them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableCaching
@Import(InMemoryCachingApp.Caches.class)
public @interface InMemoryCachingApp {

    @Configuration(proxyBeanMethods = false)
    class Caches {

        @Bean
        ConcurrentMapCacheManager cacheManager() {
            return new ConcurrentMapCacheManager();
        }
    }
}
