package dev.cacheaudit.autoconfigure.it.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.cache.AuditingCache;
import dev.cacheaudit.autoconfigure.it.TestApps;
import dev.cacheaudit.autoconfigure.it.WritePathFindings;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.VerificationOutcome.Outcome;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.cache.jcache.ConfigSettings;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * The detectors on JCache (Ehcache 3), in an application whose Hibernate second-level cache lives in the same JCache
 * {@code CacheManager} as its Spring caches: each bug next to its fix on a cache of its own, and Hibernate's own
 * regions (entities, collections, query results, update timestamps) busy all along.
 */
class JCacheHibernateSecondLevelCacheTests {

    private static final List<String> APPLICATION_CACHES = List.of(
            "key-bug",
            "key-fixed",
            "job-bug",
            "job-fixed",
            "tx-bug",
            "tx-fixed",
            "views",
            "views-fixed",
            "ref-eternal");

    /** Hibernate's regions, declared up front in the Ehcache configuration. */
    private static final String[] REGIONS = {
        "dev.cacheaudit.autoconfigure.it.jcache.Product",
        "dev.cacheaudit.autoconfigure.it.jcache.Product.tags",
        "default-update-timestamps-region",
        "default-query-results-region"
    };

    /** Caches declared in the Ehcache configuration with a time to live, in milliseconds. */
    private static final Map<String, Integer> TTL_CACHES = Map.of("ref-long-ttl", 10_000, "ref-short-ttl", 250);

    private static ConfigurableApplicationContext context;

    private static CacheAudit audit;

    /** Whether the engine had analysed every event when the tests looked: a silent cache was judged, not skipped. */
    private static boolean quiet;

    private static final List<Long> ids = new ArrayList<>();

    @BeforeAll
    static void start() throws InterruptedException, IOException {
        context = TestApps.run(
                App.class,
                "spring.cache.type=jcache",
                "spring.cache.jcache.provider=org.ehcache.jsr107.EhcacheCachingProvider",
                "spring.cache.jcache.config=" + ehcacheConfiguration().toUri(),
                "spring.cache.cache-names=" + String.join(",", APPLICATION_CACHES),
                "spring.datasource.url=jdbc:h2:mem:jcache-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "spring.jpa.open-in-view=false",
                "spring.jpa.properties.hibernate.cache.use_second_level_cache=true",
                "spring.jpa.properties.hibernate.cache.use_query_cache=true",
                "spring.jpa.properties.hibernate.cache.region.factory_class=jcache",
                "spring.jpa.properties.hibernate.javax.cache.missing_cache_strategy=create",
                "spring.jpa.properties.hibernate.generate_statistics=true",
                "cache-audit.redaction.keys=plain",
                "cache-audit.coverage.window=300ms",
                "cache-audit.verification.enabled=true",
                "cache-audit.verification.sample-rate=1.0",
                "cache-audit.verification.grace=500ms",
                "cache-audit.verification.windows=200ms,700ms");
        audit = context.getBean(CacheAudit.class);
        ProductRepository products = context.getBean(ProductRepository.class);
        for (int i = 0; i < 13; i++) {
            ids.add(products.save(new Product("product-" + i, "tag-" + i, "common"))
                    .getId());
        }
        Catalogue catalogue = context.getBean(Catalogue.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        for (int round = 0; round < 3; round++) {
            catalogue.keyBug(ids.get(0));
            catalogue.renameKeyBug(ids.get(0), "key-bug-" + round);
            catalogue.keyFixed(ids.get(1));
            catalogue.renameKeyFixed(ids.get(1), "key-fixed-" + round);
        }
        catalogue.jobBug(ids.get(2));
        catalogue.renameByJobWithoutEviction(ids.get(2), "renamed by a job");
        catalogue.jobFixed(ids.get(3));
        catalogue.renameByJobWithEviction(ids.get(3), "renamed by a job");
        catalogue.txBug(ids.get(4));
        catalogue.renameAndEvictInsideTransaction(ids.get(4), "evicted early");
        catalogue.txFixed(ids.get(5));
        catalogue.renameThenEvictAfterCommit(ids.get(5), "evicted after commit");
        catalogue.view(ids.get(6));
        jdbc.update("update product set name = 'changed behind' where id = ?", ids.get(6));
        catalogue.viewFixed(ids.get(7));
        catalogue.renameViewFixed(ids.get(7), "renamed through the service");
        catalogue.referenceEternal(ids.get(10));
        catalogue.referenceLongLived(ids.get(11));
        catalogue.referenceShortLived(ids.get(12));
        for (int change = 0; change < 3; change++) {
            Thread.sleep(100);
            catalogue.renameByJobWithoutEviction(ids.get(10), "reference-" + change);
            catalogue.renameByJobWithoutEviction(ids.get(11), "reference-" + change);
            catalogue.renameByJobWithoutEviction(ids.get(12), "reference-" + change);
        }
        for (int i = 0; i < 6; i++) {
            Thread.sleep(250);
            catalogue.view(ids.get(6));
            catalogue.viewFixed(ids.get(7));
            catalogue.byName("product-8");
            products.findById(ids.get(9)).orElseThrow();
        }
        Thread.sleep(1000);
        quiet = audit.awaitQuiescence(Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    /**
     * Hibernate's regions declared up front, as applications do to size them: Spring's {@code JCacheCacheManager} then
     * lists them beside the application's own caches, which {@code spring.cache.cache-names} adds.
     */
    private static Path ehcacheConfiguration() throws IOException {
        StringBuilder xml = new StringBuilder("<config xmlns=\"http://www.ehcache.org/v3\">\n");
        for (String region : REGIONS) {
            xml.append("  <cache alias=\"").append(region).append("\"><heap unit=\"entries\">1000</heap></cache>\n");
        }
        TTL_CACHES.forEach((name, ttl) -> xml.append("  <cache alias=\"")
                .append(name)
                .append("\"><expiry><ttl unit=\"millis\">")
                .append(ttl)
                .append("</ttl></expiry><heap unit=\"entries\">1000</heap></cache>\n"));
        Path file = Files.createTempFile("ehcache-", ".xml");
        file.toFile().deleteOnExit();
        return Files.writeString(file, xml.append("</config>\n"));
    }

    @Test
    void evictionWithAPrefixedKeyIsAKeyMismatch() {
        assertThat(findings("key-bug"))
                .filteredOn(f -> f.kind() == FindingKind.KEY_MISMATCH)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.confirmed()).isTrue();
                    assertThat(f.readKey()).isEqualTo(String.valueOf(ids.get(0)));
                    assertThat(f.writeKey()).isEqualTo("product:" + ids.get(0));
                    assertThat(f.sites())
                            .contains(
                                    Catalogue.class.getName() + "#keyBug(Long)",
                                    Catalogue.class.getName() + "#renameKeyBug(Long,String)");
                });
    }

    @Test
    void evictionWithTheReadKeyStaysSilentAndReachesTheEntry() {
        assertThat(quiet).isTrue();
        assertThat(findings("key-fixed")).isEmpty();
        // Three evictions seen, and each reached the entry: every read after one missed and loaded again.
        assertThat(audit.caches().caches().get("key-fixed").evictions()).isEqualTo(3);
        assertThat(audit.caches().caches().get("key-fixed").puts()).isEqualTo(3);
    }

    @Test
    void jobThatSavesWithoutEvictingIsAnUncoveredWrite() {
        assertThat(findings("job-bug"))
                .filteredOn(f -> f.kind() == FindingKind.UNCOVERED_WRITE)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.evidence()).containsEntry("entity", Product.class.getName());
                    assertThat(f.evidence()).containsEntry("id", String.valueOf(ids.get(2)));
                });
    }

    @Test
    void jobThatEvictsWhatItSavesStaysSilent() {
        assertThat(quiet).isTrue();
        assertThat(findings("job-fixed")).isEmpty();
        assertThat(audit.caches().caches().get("job-fixed").evictions()).isEqualTo(1);
        // The writes of the fixed paths were judged, and judged covered.
        assertThat(audit.writeCoverage().coveredCount()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void evictionInsideTheTransactionIsEvictBeforeCommit() {
        assertThat(findings("tx-bug"))
                .singleElement()
                .satisfies(WritePathFindings.evictBeforeCommitAt(
                        Catalogue.class.getName() + "#renameAndEvictInsideTransaction(Long,String)"));
    }

    @Test
    void evictionAfterTheCommitStaysSilent() {
        assertThat(quiet).isTrue();
        assertThat(findings("tx-fixed")).isEmpty();
        assertThat(audit.caches().caches().get("tx-fixed").evictions()).isEqualTo(1);
    }

    @Test
    void rowChangedWithPlainJdbcIsAStaleReadThoughHibernatesCacheIsStaleToo() {
        // The verifier reads the database past Hibernate's second-level cache, which holds the old row as well.
        assertThat(findings("views")).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.STALE_READ);
            assertThat(f.readKey()).isEqualTo(String.valueOf(ids.get(6)));
            assertThat(f.evidence()).containsEntry("differingFields", "name");
        });
        assertThat(audit.verificationStats().count("views", Outcome.FRESH)).isZero();
    }

    @Test
    void changeMadeThroughHibernateWithAnEvictionIsFresh() {
        assertThat(quiet).isTrue();
        assertThat(findings("views-fixed")).isEmpty();
        assertThat(audit.verificationStats().count("views-fixed", Outcome.FRESH))
                .isPositive();
        assertThat(audit.verificationStats().count("views-fixed", Outcome.STALE))
                .isZero();
    }

    @Test
    void entriesThatNeverExpireWhileTheirRowsChangeAreNoExpiry() {
        // Spring Boot creates the caches of spring.cache.cache-names with JCache's default: no expiry.
        assertThat(findings("ref-eternal"))
                .filteredOn(f -> f.kind() == FindingKind.NO_EXPIRY)
                .singleElement()
                .satisfies(f -> assertThat(f.evidence()).containsEntry("ttl", "none"));
    }

    @Test
    void entriesThatLiveMuchLongerThanTheirRowsStayTheSameAreTtlTooLong() {
        // The time to live comes from Ehcache's own configuration of the cache.
        assertThat(findings("ref-long-ttl"))
                .filteredOn(f -> f.kind() == FindingKind.TTL_TOO_LONG)
                .singleElement()
                .satisfies(f -> assertThat(f.evidence()).containsEntry("ttl", "PT10S"));
    }

    @Test
    void entriesThatExpireSoonAfterTheirRowsChangeStaySilentOnExpiry() {
        assertThat(quiet).isTrue();
        // The same uncovered writes are judged on this cache, but its time to live is short next to their pace.
        assertThat(findings("ref-short-ttl")).extracting(Finding::kind).containsExactly(FindingKind.UNCOVERED_WRITE);
    }

    @Test
    void hibernatesRegionsShareTheJCacheManagerAndAreLeftOutOfTheAudit() {
        javax.cache.CacheManager jcache = context.getBean(javax.cache.CacheManager.class);
        CacheManager spring = context.getBean(CacheManager.class);
        List<String> regions = List.of(REGIONS);
        assertThat(jcache.getCacheNames()).containsAll(regions).containsAll(APPLICATION_CACHES);
        assertThat(spring.getCacheNames()).containsAll(regions);
        for (String region : regions) {
            Cache cache = spring.getCache(region);
            assertThat(cache).as(region).isNotNull().isNotInstanceOf(AuditingCache.class);
            assertThat(cache.getNativeCache()).as(region).isSameAs(jcache.getCache(region));
            assertThat(audit.caches().tracked(region)).as(region).isFalse();
        }
        for (String name : APPLICATION_CACHES) {
            Cache cache = spring.getCache(name);
            assertThat(cache).as(name).isInstanceOf(AuditingCache.class);
            // Decorated once: the audited cache wraps the store's own cache.
            assertThat(((AuditingCache) cache).getTargetCache()).isNotInstanceOf(AuditingCache.class);
            assertThat(cache.getNativeCache()).isSameAs(jcache.getCache(name));
        }
    }

    @Test
    void hibernatesOwnBookkeepingRaisesNoFinding() {
        assertThat(quiet).isTrue();
        assertThat(audit.findings().findings())
                .extracting(Finding::cache)
                .isSubsetOf("key-bug", "job-bug", "tx-bug", "views", "ref-eternal", "ref-long-ttl", "ref-short-ttl");
        assertThat(audit.caches().caches().keySet())
                .containsAll(APPLICATION_CACHES)
                .containsAll(TTL_CACHES.keySet())
                .hasSize(APPLICATION_CACHES.size() + TTL_CACHES.size());
    }

    @Test
    void hibernateStillServesEntitiesCollectionsAndQueriesFromItsCache() {
        Statistics statistics = context.getBean(EntityManagerFactory.class)
                .unwrap(SessionFactory.class)
                .getStatistics();
        String entityRegion = Product.class.getName();
        assertThat(statistics.getDomainDataRegionStatistics(entityRegion).getHitCount())
                .isPositive();
        assertThat(statistics
                        .getDomainDataRegionStatistics(entityRegion + ".tags")
                        .getHitCount())
                .isPositive();
        assertThat(statistics.getQueryCacheHitCount()).isPositive();
        assertThat(statistics.getUpdateTimestampsCachePutCount()).isPositive();
    }

    private static List<Finding> findings(String cache) {
        return audit.findings().findings().stream()
                .filter(f -> f.cache().equals(cache))
                .toList();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableCaching
    static class App {

        /**
         * Hands Hibernate the JCache manager of the application's caches. Applications do this with a
         * {@code HibernatePropertiesCustomizer}, whose package differs between Spring Boot 3.5 and 4.0; this does the
         * same on both.
         */
        @Bean
        static BeanPostProcessor sharedJCacheManager(ObjectProvider<javax.cache.CacheManager> jcache) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessBeforeInitialization(Object bean, String beanName) {
                    if (bean instanceof LocalContainerEntityManagerFactoryBean factory) {
                        factory.getJpaPropertyMap().put(ConfigSettings.CACHE_MANAGER, jcache.getObject());
                    }
                    return bean;
                }
            };
        }

        @Bean
        Catalogue catalogue(ProductRepository products, CacheManager caches, ApplicationEventPublisher events) {
            return new Catalogue(products, caches, events);
        }

        @Bean
        Catalogue.AfterCommitEviction afterCommitEviction(CacheManager caches) {
            return new Catalogue.AfterCommitEviction(caches);
        }
    }
}
