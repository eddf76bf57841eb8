package dev.cacheaudit.autoconfigure.it.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.VerificationOutcome.Outcome;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * Verification end to end on H2 through JPA: a row changed with plain JDBC behind the cache is a stale read; a change
 * made through the service, which evicts, is not; cached repository query methods are re-read through their proxy;
 * and source reads never exceed the budget, whatever the traffic.
 */
class VerificationTests {

    private static final int BUDGET = 5;

    private static ConfigurableApplicationContext context;

    private static CacheAudit audit;

    private static Accounts accounts;

    private static long bypassed;

    private static long evicted;

    @BeforeAll
    static void start() throws InterruptedException {
        context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.main.banner-mode=off",
                        "spring.jmx.enabled=false",
                        "spring.cache.type=simple",
                        "spring.datasource.url=jdbc:h2:mem:verify-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                        "spring.jpa.open-in-view=false",
                        "cache-audit.redaction.keys=plain",
                        "cache-audit.verification.enabled=true",
                        "cache-audit.verification.sample-rate=1.0",
                        "cache-audit.verification.max-per-second=" + BUDGET,
                        "cache-audit.verification.grace=500ms",
                        "cache-audit.verification.windows=200ms,700ms")
                .run();
        audit = context.getBean(CacheAudit.class);
        accounts = context.getBean(Accounts.class);
        AccountRepository repository = context.getBean(AccountRepository.class);
        bypassed = repository.save(new Account("bypassed")).getId();
        evicted = repository.save(new Account("evicted")).getId();
        repository.save(new Account("by-name"));

        accounts.find(bypassed);
        context.getBean(JdbcTemplate.class).update("update account set name = 'changed behind' where id = ?", bypassed);
        accounts.find(evicted);
        accounts.rename(evicted, "renamed through the service");
        repository.findByName("by-name");
        for (int i = 0; i < 6; i++) {
            Thread.sleep(250);
            accounts.find(bypassed);
            accounts.find(evicted);
            repository.findByName("by-name");
        }
        Thread.sleep(1000);
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void rowChangedWithPlainJdbcBehindTheCacheIsAStaleRead() {
        assertThat(findings(FindingKind.STALE_READ)).singleElement().satisfies(f -> {
            assertThat(f.cache()).isEqualTo("account-views");
            assertThat(f.readKey()).isEqualTo(String.valueOf(bypassed));
            // One key reported: the entry evicted by the service was never reported stale.
            assertThat(f.count()).isEqualTo(1);
            assertThat(f.evidence()).containsEntry("differingFields", "name");
            assertThat(f.message()).doesNotContain("changed behind").doesNotContain("bypassed");
        });
    }

    @Test
    void changeMadeThroughTheServiceThatEvictsIsFresh() {
        assertThat(audit.verificationStats().count("account-views", Outcome.FRESH))
                .isPositive();
        assertThat(findings(FindingKind.STALE_READ)).noneMatch(f -> f.cache().equals("accountsByName"));
    }

    @Test
    void cachedRepositoryQueryMethodsAreReReadThroughTheirProxy() {
        assertThat(audit.verificationStats().count("accountsByName", Outcome.FRESH))
                .isPositive();
        assertThat(audit.verificationStats().count("accountsByName", Outcome.INCONCLUSIVE))
                .isZero();
    }

    @Test
    void sourceReadsStayWithinTheBudgetUnderThousandsOfHitsPerSecond() throws InterruptedException {
        int loadsBefore = accounts.loads();
        long started = System.nanoTime();
        int hits = 0;
        while (System.nanoTime() - started < Duration.ofSeconds(2).toNanos()) {
            accounts.find(evicted);
            hits++;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(300);
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();
        int sourceReads = accounts.loads() - loadsBefore;

        assertThat(hits / seconds).isGreaterThan(1000);
        assertThat(sourceReads).isPositive().isLessThanOrEqualTo((int) Math.ceil(BUDGET + BUDGET * (seconds + 0.3)));
        assertThat(audit.verificationStats().count("account-views", Outcome.SKIPPED)
                        + audit.verificationStats().skipped())
                .isPositive();
    }

    private static List<Finding> findings(FindingKind kind) {
        return audit.findings().findings().stream()
                .filter(f -> f.kind() == kind)
                .toList();
    }

    record AccountView(Long id, String name) {}

    static class Accounts {

        private final AccountRepository repository;

        private final AtomicInteger loads = new AtomicInteger();

        Accounts(AccountRepository repository) {
            this.repository = repository;
        }

        public int loads() {
            return loads.get();
        }

        @Cacheable(cacheNames = "account-views", key = "#id")
        @Transactional(readOnly = true)
        public AccountView find(Long id) {
            loads.incrementAndGet();
            Account account = repository.findById(id).orElseThrow();
            return new AccountView(account.getId(), account.getName());
        }

        @CacheEvict(cacheNames = "account-views", key = "#id")
        @Transactional
        public void rename(Long id, String name) {
            repository.findById(id).orElseThrow().rename(name);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableCaching
    static class App {

        @Bean
        Accounts accounts(AccountRepository repository) {
            return new Accounts(repository);
        }
    }
}
