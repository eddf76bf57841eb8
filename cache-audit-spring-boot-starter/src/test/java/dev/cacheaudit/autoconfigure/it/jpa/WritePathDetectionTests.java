package dev.cacheaudit.autoconfigure.it.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.it.TestApps;
import dev.cacheaudit.autoconfigure.it.WritePathFindings;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.cache.interceptor.LoggingCacheErrorHandler;
import org.springframework.cache.transaction.TransactionAwareCacheDecorator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The write-path detectors end to end on H2 through JPA: each bug next to its fixed twin on a cache of its own and on
 * rows of its own, so that one application shows both directions.
 */
class WritePathDetectionTests {

    private static ConfigurableApplicationContext context;

    private static CacheAudit audit;

    private static final List<Long> ids = new ArrayList<>();

    @BeforeAll
    static void start() throws InterruptedException {
        context = TestApps.run(
                App.class,
                "spring.datasource.url=jdbc:h2:mem:paths-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "spring.jpa.open-in-view=false",
                "cache-audit.coverage.window=300ms",
                "cache-audit.caches.job-bug.entity=" + Account.class.getName(),
                "cache-audit.caches.job-fixed.entity=" + Account.class.getName(),
                "cache-audit.caches.dirty-bug.entity=" + Account.class.getName(),
                "cache-audit.caches.after-commit.entity=" + Account.class.getName(),
                "cache-audit.caches.in-tx-bug.entity=" + Account.class.getName(),
                "cache-audit.caches.in-tx-aware.entity=" + Account.class.getName());
        audit = context.getBean(CacheAudit.class);
        AccountRepository accounts = context.getBean(AccountRepository.class);
        for (int i = 0; i < 12; i++) {
            ids.add(accounts.save(new Account("account-" + i)).getId());
        }
        Paths paths = context.getBean(Paths.class);
        // Each scenario reads its own rows through its own cache, then writes them.
        paths.read("job-bug", ids.get(0));
        paths.jobWithoutEviction(ids.get(0));
        paths.read("job-fixed", ids.get(1));
        paths.jobWithEviction(ids.get(1));
        paths.read("dirty-bug", ids.get(2));
        paths.renameByDirtyChecking(ids.get(2));
        paths.read("after-commit", ids.get(3));
        paths.renameThenEvictAfterCommit(ids.get(3));
        paths.read("in-tx-bug", ids.get(4));
        paths.renameAndEvictInsideTransaction("in-tx-bug", ids.get(4));
        paths.read("in-tx-aware", ids.get(5));
        paths.renameAndEvictInsideTransaction("in-tx-aware", ids.get(5));
        paths.read("swallowed", ids.get(6));
        paths.evictFailing(ids.get(6));
        for (int round = 0; round < 3; round++) {
            for (int i = 7; i < 12; i++) {
                paths.read("clear-bug", ids.get(i));
                paths.read("clear-rare", ids.get(i));
            }
            paths.renameAndClearAll(ids.get(7));
        }
        paths.adminClear();
        Thread.sleep(1500);
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();
        Thread.sleep(1100);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void jobThatSavesWithoutEvictingIsAnUncoveredWriteWithItsWritePath() {
        assertThat(findings("job-bug")).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.UNCOVERED_WRITE);
            assertThat(f.sites()).containsExactly(Paths.class.getName() + "#jobWithoutEviction(Long)");
            assertThat(f.evidence()).containsEntry("entity", Account.class.getName());
        });
    }

    @Test
    void jobThatEvictsWhatItSavesStaysSilent() {
        assertThat(findings("job-fixed")).isEmpty();
        assertThat(audit.counters("job-fixed").evictions()).isPositive();
        assertThat(audit.writeCoverage().coveredCount())
                .as("writes judged covered")
                .isPositive();
    }

    @Test
    void managedEntityChangedWithoutSaveIsSeenThroughHibernateAsAnUncoveredWrite() {
        assertThat(findings("dirty-bug")).extracting(Finding::kind).containsExactly(FindingKind.UNCOVERED_WRITE);
    }

    @Test
    void evictionFromAnAfterCommitListenerStaysSilent() {
        assertThat(findings("after-commit")).isEmpty();
        assertThat(audit.counters("after-commit").evictions()).isPositive();
        assertThat(audit.writeCoverage().coveredCount())
                .as("writes judged covered")
                .isPositive();
    }

    @Test
    void evictionInsideTheTransactionOnAPlainCacheIsEvictBeforeCommit() {
        assertThat(findings("in-tx-bug"))
                .singleElement()
                .satisfies(WritePathFindings.evictBeforeCommitAt(
                        Paths.class.getName() + "#renameAndEvictInsideTransaction(String,Long)"));
    }

    @Test
    void evictionInsideTheTransactionOnATransactionAwareCacheStaysSilent() {
        assertThat(findings("in-tx-aware")).isEmpty();
        assertThat(audit.counters("in-tx-aware").evictions()).isPositive();
    }

    @Test
    void evictionSwallowedByALoggingErrorHandlerIsEvictionFailed() {
        assertThat(findings("swallowed"))
                .filteredOn(f -> f.kind() == FindingKind.EVICTION_FAILED)
                .singleElement()
                .satisfies(f -> assertThat(f.evidence()).containsEntry("swallowed", "true"));
    }

    @Test
    void clearingAllEntriesOnEveryWriteIsAFullClear() {
        assertThat(findings("clear-bug")).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.FULL_CLEAR);
            assertThat(f.sites()).containsExactly(Paths.class.getName() + "#renameAndClearAll(Long)");
        });
    }

    @Test
    void aRareAdministrativeClearStaysSilent() {
        assertThat(findings("clear-rare")).isEmpty();
        assertThat(audit.counters("clear-rare").clears()).isEqualTo(1);
        assertThat(findings("clear-bug")).as("the same check, three clears").isNotEmpty();
    }

    private static List<Finding> findings(String cache) {
        return audit.findings().findings().stream()
                .filter(f -> f.cache().equals(cache))
                .toList();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableCaching
    static class App implements CachingConfigurer {

        @Bean
        @Override
        public CacheManager cacheManager() {
            return new ConcurrentMapCacheManager() {
                @Override
                protected Cache createConcurrentMapCache(String name) {
                    if (name.equals("swallowed")) {
                        return new FailingEvictions(name);
                    }
                    Cache cache = super.createConcurrentMapCache(name);
                    return name.equals("in-tx-aware") ? new TransactionAwareCacheDecorator(cache) : cache;
                }
            };
        }

        @Override
        public CacheErrorHandler errorHandler() {
            return new LoggingCacheErrorHandler();
        }

        @Bean
        Paths paths(AccountRepository accounts, CacheManager caches, ApplicationEventPublisher events) {
            return new Paths(accounts, caches, events);
        }

        @Bean
        AfterCommitEviction afterCommitEviction(CacheManager caches) {
            return new AfterCommitEviction(caches);
        }
    }

    static class FailingEvictions extends ConcurrentMapCache {

        FailingEvictions(String name) {
            super(name);
        }

        @Override
        public void evict(Object key) {
            throw new IllegalStateException("store refused the eviction");
        }
    }

    record Renamed(Long id) {}

    static class AfterCommitEviction {

        private final CacheManager caches;

        AfterCommitEviction(CacheManager caches) {
            this.caches = caches;
        }

        @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
        public void on(Renamed renamed) {
            caches.getCache("after-commit").evict(renamed.id());
        }
    }

    static class Paths {

        private final AccountRepository accounts;

        private final CacheManager caches;

        private final ApplicationEventPublisher events;

        Paths(AccountRepository accounts, CacheManager caches, ApplicationEventPublisher events) {
            this.accounts = accounts;
            this.caches = caches;
            this.events = events;
        }

        public Account read(String cache, Long id) {
            Cache target = caches.getCache(cache);
            Cache.ValueWrapper cached = target.get(id);
            if (cached != null) {
                return (Account) cached.get();
            }
            Account account = accounts.findById(id).orElseThrow();
            target.put(id, account);
            return account;
        }

        public void jobWithoutEviction(Long id) {
            Account account = accounts.findById(id).orElseThrow();
            account.rename("renamed by a job");
            accounts.save(account);
        }

        @CacheEvict(cacheNames = "job-fixed", key = "#id")
        public void jobWithEviction(Long id) {
            Account account = accounts.findById(id).orElseThrow();
            account.rename("renamed by a job");
            accounts.save(account);
        }

        @Transactional
        public void renameByDirtyChecking(Long id) {
            accounts.findById(id).orElseThrow().rename("changed in place");
        }

        @Transactional
        public void renameThenEvictAfterCommit(Long id) {
            accounts.findById(id).orElseThrow().rename("evicted after commit");
            events.publishEvent(new Renamed(id));
        }

        @Transactional
        public void renameAndEvictInsideTransaction(String cache, Long id) {
            accounts.findById(id).orElseThrow().rename("evicted early");
            caches.getCache(cache).evict(id);
        }

        @CacheEvict(cacheNames = "swallowed", key = "#id")
        public void evictFailing(Long id) {}

        @CacheEvict(cacheNames = "clear-bug", allEntries = true)
        public void renameAndClearAll(Long id) {}

        @CacheEvict(cacheNames = "clear-rare", allEntries = true)
        public void adminClear() {}

        @Cacheable(cacheNames = "holder", key = "#id")
        public Account holder(Long id) {
            return accounts.findById(id).orElseThrow();
        }
    }
}
