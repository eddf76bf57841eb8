package dev.cacheaudit.autoconfigure.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.event.CacheRegistered;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.spi.CachingProvider;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.ExpiryPolicyBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.jsr107.Eh107Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cache.jcache.JCacheCache;

/** How long JCache caches keep entries, read from real Ehcache 3 caches through the JCache API. */
class TimeToLiveJCacheTests {

    private CacheManager manager;

    @BeforeEach
    void open() {
        CachingProvider provider = Caching.getCachingProvider("org.ehcache.jsr107.EhcacheCachingProvider");
        // A manager of its own, under a class loader of its own, closed after the test.
        manager = provider.getCacheManager(
                provider.getDefaultURI(), new ClassLoader(getClass().getClassLoader()) {});
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void aCacheWithJCachesDefaultConfigurationNeverExpires() {
        // What Spring Boot creates for spring.cache.cache-names.
        javax.cache.Cache<Object, Object> cache = manager.createCache("eternal", new MutableConfiguration<>());
        assertThat(TimeToLive.of(new JCacheCache(cache))).isEqualTo(CacheRegistered.NO_EXPIRY);
    }

    @Test
    void anExpiryOnCreationIsTheTimeToLive() {
        javax.cache.Cache<Object, Object> cache = manager.createCache(
                "created",
                new MutableConfiguration<>()
                        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.SECONDS, 2))));
        assertThat(TimeToLive.of(new JCacheCache(cache))).isEqualTo(2_000);
    }

    @Test
    void anExpiryOnAccessBoundsAnEntryFromItsCreationToo() {
        javax.cache.Cache<Object, Object> cache = manager.createCache(
                "accessed",
                new MutableConfiguration<>()
                        .setExpiryPolicyFactory(
                                AccessedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, 1500))));
        assertThat(TimeToLive.of(new JCacheCache(cache))).isEqualTo(1_500);
    }

    @Test
    void ehcachesOwnTimeToLiveIsReadThroughJCache() {
        javax.cache.Cache<Object, Object> cache = manager.createCache(
                "native",
                Eh107Configuration.fromEhcacheCacheConfiguration(CacheConfigurationBuilder.newCacheConfigurationBuilder(
                                Object.class, Object.class, ResourcePoolsBuilder.heap(10))
                        .withExpiry(ExpiryPolicyBuilder.timeToLiveExpiration(java.time.Duration.ofSeconds(3)))));
        assertThat(TimeToLive.of(new JCacheCache(cache))).isEqualTo(3_000);
    }

    @Test
    void ehcacheWithoutExpiryNeverExpires() {
        javax.cache.Cache<Object, Object> cache = manager.createCache(
                "native-eternal",
                Eh107Configuration.fromEhcacheCacheConfiguration(CacheConfigurationBuilder.newCacheConfigurationBuilder(
                        Object.class, Object.class, ResourcePoolsBuilder.heap(10))));
        assertThat(TimeToLive.of(new JCacheCache(cache))).isEqualTo(CacheRegistered.NO_EXPIRY);
    }
}
