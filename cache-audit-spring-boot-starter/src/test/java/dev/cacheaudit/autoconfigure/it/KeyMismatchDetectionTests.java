package dev.cacheaudit.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Severity;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.Caching;
import org.springframework.cache.interceptor.KeyGenerator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Key-mismatch detection end to end: real services through Spring's cache interceptor, each bug next to its fixed
 * twin on a cache of its own, so that one application shows both directions.
 */
class KeyMismatchDetectionTests {

    private static ConfigurableApplicationContext context;

    private static CacheAudit audit;

    @BeforeAll
    static void start() {
        context = TestApps.run(App.class, "cache-audit.redaction.keys=plain");
        audit = context.getBean(CacheAudit.class);
        for (long id = 1; id <= 3; id++) {
            context.getBean(PrefixBug.class).find(id);
            context.getBean(PrefixBug.class).rename(id, "x");
            context.getBean(PrefixFixed.class).find(id);
            context.getBean(PrefixFixed.class).rename(id, "x");
            context.getBean(DefaultKeyBug.class).findByEmail("u" + id + "@example.com");
            context.getBean(DefaultKeyBug.class).save(new User(id, "u" + id + "@example.com"));
            context.getBean(DefaultKeyFixed.class).findByEmail("u" + id + "@example.com");
            context.getBean(DefaultKeyFixed.class).save(new User(id, "u" + id + "@example.com"));
            context.getBean(TypeBug.class).find(id);
            context.getBean(TypeBug.class).reprice(String.valueOf(id));
            context.getBean(TypeFixed.class).find(id);
            context.getBean(TypeFixed.class).reprice(String.valueOf(id));
            context.getBean(CacheNameBug.class).find(id);
            context.getBean(CacheNameBug.class).reprice(id);
            context.getBean(CorrectDesigns.class).find("acme", id);
            context.getBean(CorrectDesigns.class).update("acme", id);
            context.getBean(CorrectDesigns.class).findByArgs(id);
            context.getBean(CorrectDesigns.class).evictByArgs(id);
            context.getBean(CorrectDesigns.class).generated(id);
            context.getBean(CorrectDesigns.class).evictGenerated(id);
            context.getBean(CorrectDesigns.class).writeThrough(id);
            context.getBean(CorrectDesigns.class).both(id);
            context.getBean(CorrectDesigns.class).clearAll();
        }
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void prefixedEvictionKeyIsAConfirmedKeyMismatchWithBothSites() {
        assertThat(findings("prefix-bug")).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.KEY_MISMATCH);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.confirmed()).isTrue();
            assertThat(f.readKey()).isIn("1", "2", "3");
            assertThat(f.writeKey()).isEqualTo("user:" + f.readKey());
            assertThat(f.sites())
                    .contains(
                            PrefixBug.class.getName() + "#find(Long)",
                            PrefixBug.class.getName() + "#rename(Long,String)");
            assertThat(f.count()).isGreaterThanOrEqualTo(3);
        });
    }

    @Test
    void prefixedEvictionFixedStaysSilent() {
        assertThat(findings("prefix-fixed")).isEmpty();
        assertEvictionsAnalysed("prefix-fixed");
    }

    @Test
    void defaultKeyOnSaveOfTheWholeEntityIsAKeyMismatch() {
        assertThat(findings("default-bug")).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.KEY_MISMATCH);
            assertThat(f.confirmed()).isTrue();
            assertThat(f.message()).contains("whole argument (User)");
            assertThat(f.sites()).contains(DefaultKeyBug.class.getName() + "#save(User)");
        });
    }

    @Test
    void defaultKeyFixedWithAnExplicitKeyStaysSilent() {
        assertThat(findings("default-fixed")).isEmpty();
        assertEvictionsAnalysed("default-fixed");
    }

    @Test
    void stringEvictionOfLongKeysInAnInMemoryCacheIsAKeyTypeMismatch() {
        assertThat(findings("type-bug")).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.KEY_TYPE_MISMATCH);
            assertThat(f.sites()).contains(TypeBug.class.getName() + "#reprice(String)");
        });
    }

    @Test
    void consistentKeyTypesStaySilent() {
        assertThat(findings("type-fixed")).isEmpty();
        assertEvictionsAnalysed("type-fixed");
    }

    @Test
    void evictionOnANearCacheNameIsACacheNameMismatch() {
        assertThat(findings("product")).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.CACHE_NAME_MISMATCH);
            assertThat(f.confirmed()).isTrue();
            assertThat(f.evidence()).containsEntry("readCache", "products");
        });
    }

    @Test
    void correctDesignsStaySilent() {
        assertThat(audit.findings().findings())
                .filteredOn(f -> f.cache().startsWith("correct-"))
                .isEmpty();
        assertEvictionsAnalysed("correct-composite");
        assertEvictionsAnalysed("correct-args");
        assertEvictionsAnalysed("correct-generated");
    }

    /** The evictions of the three rounds were recorded (and analysed: quiescence is asserted before the tests run). */
    private static void assertEvictionsAnalysed(String cache) {
        assertThat(audit.counters(cache).evictions())
                .as("evictions of " + cache)
                .isGreaterThanOrEqualTo(3);
    }

    private static List<Finding> findings(String cache) {
        return audit.findings().findings().stream()
                .filter(f -> f.cache().equals(cache))
                .toList();
    }

    record User(Long id, String email) {}

    @InMemoryCachingApp
    static class App {

        @Bean
        KeyGenerator idKeys() {
            return (Object target, Method method, Object... params) -> "id-" + params[0];
        }

        @Bean
        PrefixBug prefixBug() {
            return new PrefixBug();
        }

        @Bean
        PrefixFixed prefixFixed() {
            return new PrefixFixed();
        }

        @Bean
        DefaultKeyBug defaultKeyBug() {
            return new DefaultKeyBug();
        }

        @Bean
        DefaultKeyFixed defaultKeyFixed() {
            return new DefaultKeyFixed();
        }

        @Bean
        TypeBug typeBug(CacheManager caches) {
            return new TypeBug(caches);
        }

        @Bean
        TypeFixed typeFixed(CacheManager caches) {
            return new TypeFixed(caches);
        }

        @Bean
        CacheNameBug cacheNameBug() {
            return new CacheNameBug();
        }

        @Bean
        CorrectDesigns correctDesigns() {
            return new CorrectDesigns();
        }
    }

    static class PrefixBug {

        @Cacheable(cacheNames = "prefix-bug", key = "#id")
        public String find(Long id) {
            return "user-" + id;
        }

        @CacheEvict(cacheNames = "prefix-bug", key = "'user:' + #id")
        public void rename(Long id, String name) {}
    }

    static class PrefixFixed {

        @Cacheable(cacheNames = "prefix-fixed", key = "#id")
        public String find(Long id) {
            return "user-" + id;
        }

        @CacheEvict(cacheNames = "prefix-fixed", key = "#id")
        public void rename(Long id, String name) {}
    }

    static class DefaultKeyBug {

        @Cacheable(cacheNames = "default-bug", key = "#email")
        public String findByEmail(String email) {
            return email;
        }

        @CacheEvict(cacheNames = "default-bug")
        public void save(User user) {}
    }

    static class DefaultKeyFixed {

        @Cacheable(cacheNames = "default-fixed", key = "#email")
        public String findByEmail(String email) {
            return email;
        }

        @CacheEvict(cacheNames = "default-fixed", key = "#user.email")
        public void save(User user) {}
    }

    static class TypeBug {

        private final CacheManager caches;

        TypeBug(CacheManager caches) {
            this.caches = caches;
        }

        @Cacheable(cacheNames = "type-bug", key = "#id")
        public String find(Long id) {
            return "product-" + id;
        }

        public void reprice(String id) {
            caches.getCache("type-bug").evict(id);
        }
    }

    static class TypeFixed {

        private final CacheManager caches;

        TypeFixed(CacheManager caches) {
            this.caches = caches;
        }

        @Cacheable(cacheNames = "type-fixed", key = "#id")
        public String find(Long id) {
            return "product-" + id;
        }

        public void reprice(String id) {
            caches.getCache("type-fixed").evict(Long.valueOf(id));
        }
    }

    static class CacheNameBug {

        @Cacheable(cacheNames = "products", key = "#id")
        public String find(Long id) {
            return "product-" + id;
        }

        @CacheEvict(cacheNames = "product", key = "#id")
        public void reprice(Long id) {}
    }

    static class CorrectDesigns {

        @Cacheable(cacheNames = "correct-composite", key = "#tenant + ':' + #id")
        public String find(String tenant, Long id) {
            return tenant + id;
        }

        @CacheEvict(cacheNames = "correct-composite", key = "#tenant + ':' + #id")
        public void update(String tenant, Long id) {}

        @Cacheable(cacheNames = "correct-args", key = "#root.args[0]")
        public String findByArgs(Long id) {
            return "x" + id;
        }

        @CacheEvict(cacheNames = "correct-args", key = "#id")
        public void evictByArgs(Long id) {}

        @Cacheable(cacheNames = "correct-generated", keyGenerator = "idKeys")
        public String generated(Long id) {
            return "g" + id;
        }

        @CacheEvict(cacheNames = "correct-generated", keyGenerator = "idKeys")
        public void evictGenerated(Long id) {}

        @CachePut(cacheNames = "correct-args", key = "#id")
        public String writeThrough(Long id) {
            return "w" + id;
        }

        @Caching(
                evict = {
                    @CacheEvict(cacheNames = "correct-args", key = "#id"),
                    @CacheEvict(cacheNames = "correct-generated", keyGenerator = "idKeys")
                })
        public void both(Long id) {}

        @CacheEvict(cacheNames = "correct-composite", allEntries = true)
        public void clearAll() {}
    }
}
