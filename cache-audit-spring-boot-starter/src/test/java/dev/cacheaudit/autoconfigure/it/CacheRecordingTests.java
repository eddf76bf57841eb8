package dev.cacheaudit.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cacheaudit.autoconfigure.cache.AuditingCache;
import dev.cacheaudit.autoconfigure.testsupport.RecordingDetector;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.CacheError;
import dev.cacheaudit.core.event.CacheEvict;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.CacheRead;
import dev.cacheaudit.core.event.CacheRegistered;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.Caching;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.cache.support.SimpleCacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Recording of cache operations on an in-memory cache, through Spring's real cache interceptor. */
class CacheRecordingTests {

    private static ConfigurableApplicationContext context;

    private static UserService users;

    private static RecordingDetector recorded;

    private static CacheAudit audit;

    @BeforeAll
    static void start() {
        context = TestApps.run(App.class, "cache-audit.recording.hit-sample-rate=1.0");
        users = context.getBean(UserService.class);
        recorded = context.getBean(RecordingDetector.class);
        audit = context.getBean(CacheAudit.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @BeforeEach
    void forget() {
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();
        recorded.clear();
    }

    @Test
    void missAndPutRecordTheExactKeyObjectAndTheAnnotatedMethod() {
        users.find(42L);
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();

        CacheRead miss = recorded.events(CacheRead.class)
                .filter(e -> e.cache().equals("users"))
                .findFirst()
                .orElseThrow();
        assertThat(miss.hit()).isFalse();
        assertThat(miss.key()).isEqualTo(42L).isInstanceOf(Long.class);
        assertThat(miss.site()).isEqualTo(UserService.class.getName() + "#find(Long)");
        CachePut put = recorded.events(CachePut.class).findFirst().orElseThrow();
        assertThat(put.key()).isEqualTo(42L);
        assertThat(put.site()).isEqualTo(miss.site());
        assertThat(put.loadStartNanos()).isEqualTo(miss.nanos()).isLessThanOrEqualTo(put.nanos());
    }

    @Test
    void hitsAreCountedAndSampledWithTheirKey() {
        long hitsBefore = audit.counters("users").hits();
        users.find(7L);
        users.find(7L);
        users.find(7L);
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();

        assertThat(audit.counters("users").hits() - hitsBefore).isEqualTo(2);
        assertThat(recorded.events(CacheRead.class).filter(CacheRead::hit))
                .hasSize(2)
                .allSatisfy(read -> assertThat(read.key()).isEqualTo(7L));
    }

    @Test
    void evictionRecordsTheEvictKeyAndTheEvictingMethod() {
        users.rename(42L, "Ada");
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();

        CacheEvict evict = recorded.events(CacheEvict.class).findFirst().orElseThrow();
        assertThat(evict.cache()).isEqualTo("users");
        assertThat(evict.key()).isEqualTo("user:42");
        assertThat(evict.site()).isEqualTo(UserService.class.getName() + "#rename(Long,String)");
        assertThat(evict.tx().active()).isFalse();
    }

    @Test
    void defaultKeyOfSeveralArgumentsIsTheSimpleKeySpringComputed() {
        users.pair(1L, 2L);
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();

        CacheRead read = recorded.events(CacheRead.class)
                .filter(e -> e.cache().equals("pairs"))
                .findFirst()
                .orElseThrow();
        assertThat(read.key()).isEqualTo(new SimpleKey(1L, 2L));
        assertThat(audit.engine().state().describe(read.key()).components()).containsExactly("1", "2");
    }

    @Test
    void cachingAnnotationRecordsEveryOperationItCauses() {
        users.renameEverywhere(5L, "a@example.com");
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();

        assertThat(recorded.events(CacheEvict.class).map(e -> e.cache() + "=" + e.key()))
                .containsExactlyInAnyOrder("users=5", "usersByEmail=a@example.com");
    }

    @Test
    void programmaticEvictionNamesTheApplicationFrameThatCalledIt() {
        CacheManager manager = context.getBean(CacheManager.class);
        manager.getCache("users").evictIfPresent(9L);
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();

        CacheEvict evict = recorded.events(CacheEvict.class).findFirst().orElseThrow();
        assertThat(evict.key()).isEqualTo(9L);
        assertThat(evict.site())
                .isEqualTo(CacheRecordingTests.class.getName()
                        + "#programmaticEvictionNamesTheApplicationFrameThatCalledIt()");
    }

    @Test
    void cacheManagerKeepsItsConcreteTypeAndHandsOutAuditingCachesIncludingLazyOnes() {
        ConcurrentMapCacheManager manager = context.getBean(ConcurrentMapCacheManager.class);
        Cache lazy = manager.getCache("created-later");

        assertThat(lazy).isInstanceOf(AuditingCache.class);
        assertThat(manager.getCache("created-later")).isSameAs(lazy);
        assertThat(((AuditingCache) lazy).getTargetCache()).isInstanceOf(ConcurrentMapCache.class);
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();
        assertThat(recorded.events(CacheRegistered.class).map(CacheRegistered::cache))
                .contains("created-later");
        assertThat(audit.caches().backendOf("created-later")).isEqualTo("map");
    }

    @Test
    void failingCacheThrowsTheSameExceptionToTheCallerAndIsCounted() {
        long errorsBefore = audit.counters("broken").errors();

        assertThatThrownBy(() -> users.broken(1L)).isSameAs(FailingCache.FAILURE);
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();

        assertThat(audit.counters("broken").errors() - errorsBefore).isEqualTo(1);
        assertThat(recorded.events(CacheError.class).map(CacheError::operation)).containsExactly("get");
    }

    @Test
    void theBusinessResultIsUnchanged() {
        int loadsBefore = users.loads();
        assertThat(users.find(100L)).isEqualTo("user-100");
        assertThat(users.find(100L)).isEqualTo("user-100");
        assertThat(users.loads() - loadsBefore).isEqualTo(1);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableCaching
    static class App {

        @Bean
        @Primary
        ConcurrentMapCacheManager cacheManager() {
            return new ConcurrentMapCacheManager();
        }

        @Bean
        CacheManager brokenCacheManager() {
            SimpleCacheManager manager = new SimpleCacheManager();
            manager.setCaches(List.of(new FailingCache()));
            return manager;
        }

        @Bean
        UserService userService() {
            return new UserService();
        }

        @Bean
        RecordingDetector recordingDetector() {
            return new RecordingDetector();
        }
    }

    static class UserService {

        private final AtomicInteger loads = new AtomicInteger();

        public int loads() {
            return loads.get();
        }

        @Cacheable(cacheNames = "users", key = "#id", cacheManager = "cacheManager")
        public String find(Long id) {
            loads.incrementAndGet();
            return "user-" + id;
        }

        @org.springframework.cache.annotation.CacheEvict(
                cacheNames = "users",
                key = "'user:' + #id",
                cacheManager = "cacheManager")
        public void rename(Long id, String name) {}

        @Cacheable(cacheNames = "pairs", cacheManager = "cacheManager")
        public String pair(Long a, Long b) {
            return a + "-" + b;
        }

        @Caching(
                evict = {
                    @org.springframework.cache.annotation.CacheEvict(
                            cacheNames = "users",
                            key = "#id",
                            cacheManager = "cacheManager"),
                    @org.springframework.cache.annotation.CacheEvict(
                            cacheNames = "usersByEmail",
                            key = "#email",
                            cacheManager = "cacheManager")
                })
        public void renameEverywhere(Long id, String email) {}

        @Cacheable(cacheNames = "broken", cacheManager = "brokenCacheManager")
        public String broken(Long id) {
            return "never";
        }
    }

    static class FailingCache extends ConcurrentMapCache {

        static final IllegalStateException FAILURE = new IllegalStateException("store down");

        FailingCache() {
            super("broken");
        }

        @Override
        public ValueWrapper get(Object key) {
            throw FAILURE;
        }
    }
}
