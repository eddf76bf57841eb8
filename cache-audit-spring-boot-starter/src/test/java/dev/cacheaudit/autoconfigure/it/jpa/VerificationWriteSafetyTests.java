package dev.cacheaudit.autoconfigure.it.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.testsupport.RecordingDetector;
import dev.cacheaudit.autoconfigure.verify.SkipReason;
import dev.cacheaudit.autoconfigure.verify.SourceReads;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.SourceWrite;
import dev.cacheaudit.core.event.VerificationOutcome.Outcome;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.verify.VerificationStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The verifier cannot change data, proven on H2 through JPA: the same traffic — 1 010 calls of each loader over ten
 * keys, so 1 000 hits each, every one verified — leaves exactly the rows an unaudited run leaves. One loader logs each
 * call with an insert in its own transaction (rolled back by the verifier), one logs it in a {@code REQUIRES_NEW}
 * transaction (refused: the loader is skipped and never called again), and a plain read-only loader stays verified
 * fresh — and stale once its row changes behind the cache.
 */
class VerificationWriteSafetyTests {

    private static final int KEYS = 10;

    private static final int CALLS = 1_010;

    private static Run unaudited;

    private static Run audited;

    @BeforeAll
    static void runTrafficWithAndWithoutTheAuditor() {
        unaudited = Run.of(false);
        audited = Run.of(true);
    }

    @AfterAll
    static void stop() {
        audited.context.close();
    }

    @Test
    void rowCountsAfterThousandsOfVerifiedHitsEqualThoseOfAnUnauditedRun() {
        assertThat(unaudited.rows)
                .containsEntry("logged", (long) KEYS)
                .containsEntry("logged-in-own-transaction", (long) KEYS);
        assertThat(audited.rows).isEqualTo(unaudited.rows);
    }

    @Test
    void loaderThatInsertsIsVerifiedAndItsInsertsAreRolledBack() {
        VerificationStats stats = audited.audit.verificationStats();
        assertThat(stats.count("logged", Outcome.FRESH) + stats.count("logged", Outcome.STALE))
                .isGreaterThanOrEqualTo(CALLS - KEYS);
        // Every verification really called the loader: its inserts ran, and were rolled back.
        assertThat(audited.loggingLoads.get()).isGreaterThanOrEqualTo(CALLS);
        assertThat(stats.count("logged", Outcome.INCONCLUSIVE)).isZero();
    }

    @Test
    void loaderThatWritesInRequiresNewIsRefusedOnceThenSkipped() {
        VerificationStats stats = audited.audit.verificationStats();
        SourceReads reads = audited.context.getBean(SourceReads.class);
        assertThat(stats.count("logged-in-own-transaction", Outcome.FRESH)).isZero();
        assertThat(reads.skipped("logged-in-own-transaction", SkipReason.OWN_TRANSACTION))
                .isGreaterThanOrEqualTo(CALLS - KEYS);
        assertThat(stats.count("logged-in-own-transaction", Outcome.INCONCLUSIVE))
                .isGreaterThanOrEqualTo(CALLS - KEYS);
        // The traffic's ten loads and one refused verification: the loader is not called again.
        assertThat(audited.ownTransactionLoads.get()).isEqualTo(KEYS + 1);
    }

    @Test
    void loaderThatSavesAnEntityIsVerifiedAndItsSavesAreNeitherKeptNorRecordedAsWrites() {
        VerificationStats stats = audited.audit.verificationStats();
        assertThat(stats.count("visited", Outcome.FRESH) + stats.count("visited", Outcome.STALE))
                .isGreaterThanOrEqualTo(CALLS - KEYS);
        assertThat(audited.visits.get()).isGreaterThanOrEqualTo(CALLS);
        // The setup's saves and the traffic's: the verifier's thousand saves are not the application's writes.
        assertThat(audited.recordedVisitWrites).isPositive().isLessThanOrEqualTo(2 * KEYS);
    }

    @Test
    void plainReadOnlyLoaderIsStillVerifiedFreshAndStale() {
        VerificationStats stats = audited.audit.verificationStats();
        // Nine keys of ten unchanged: fresh; the one changed behind the cache: stale, and reported.
        assertThat(stats.count("plain", Outcome.FRESH)).isGreaterThanOrEqualTo((CALLS - KEYS) / 2);
        assertThat(stats.count("plain", Outcome.STALE)).isPositive();
        assertThat(audited.audit.findings().findings())
                .filteredOn(f -> f.kind() == FindingKind.STALE_READ && f.cache().equals("plain"))
                .singleElement()
                .satisfies(f -> assertThat(f.count()).isEqualTo(1));
    }

    /** One run of the traffic, audited or not. */
    static final class Run {

        ConfigurableApplicationContext context;

        CacheAudit audit;

        Map<String, Long> rows;

        AtomicInteger loggingLoads;

        AtomicInteger ownTransactionLoads;

        AtomicInteger visits;

        long recordedVisitWrites;

        static Run of(boolean audited) {
            Run run = new Run();
            run.context = new SpringApplicationBuilder(App.class)
                    .web(WebApplicationType.NONE)
                    .properties(
                            "spring.main.banner-mode=off",
                            "spring.jmx.enabled=false",
                            "spring.cache.type=simple",
                            "spring.datasource.url=jdbc:h2:mem:write-safety-" + System.nanoTime()
                                    + ";DB_CLOSE_DELAY=-1",
                            "spring.jpa.open-in-view=false",
                            "cache-audit.enabled=" + audited,
                            "cache-audit.verification.enabled=true",
                            "cache-audit.verification.sample-rate=1.0",
                            "cache-audit.verification.max-per-second=100000",
                            "cache-audit.verification.grace=300ms",
                            "cache-audit.verification.windows=100ms")
                    .run();
            JdbcTemplate jdbc = run.context.getBean(JdbcTemplate.class);
            jdbc.execute("create table call_log (loader varchar(64), account bigint)");
            AccountRepository repository = run.context.getBean(AccountRepository.class);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < KEYS; i++) {
                ids.add(repository.save(new Account("account-" + i)).getId());
            }
            Loaders loaders = run.context.getBean(Loaders.class);
            for (int i = 0; i < CALLS; i++) {
                Long id = ids.get(i % KEYS);
                loaders.logged(id);
                loaders.loggedInOwnTransaction(id);
                loaders.plain(id);
                loaders.visited(id);
                if (i == CALLS / 2) {
                    jdbc.update("update account set name = 'changed behind the cache' where id = ?", ids.get(0));
                }
            }
            // The bean is a proxy: its own fields are not the target's.
            run.loggingLoads = loaders.loggedCalls();
            run.ownTransactionLoads = loaders.ownTransactionCalls();
            run.visits = loaders.visitCalls();
            if (audited) {
                run.audit = run.context.getBean(CacheAudit.class);
                VerificationStats stats = run.audit.verificationStats();
                await(
                        () -> checked(stats, "plain") >= CALLS - KEYS
                                && checked(stats, "visited") >= CALLS - KEYS
                                && checked(stats, "logged") >= CALLS - KEYS
                                && checked(stats, "logged-in-own-transaction") >= CALLS - KEYS,
                        () -> "checks made: " + checked(stats, "plain") + ", " + checked(stats, "logged") + ", "
                                + checked(stats, "logged-in-own-transaction") + ", skipped " + stats.skipped());
                // Long enough for the stale entry's recheck after the grace period.
                await(
                        () -> run.audit.findings().findings().stream()
                                .anyMatch(f -> f.kind() == FindingKind.STALE_READ),
                        () -> "a stale read");
                assertThat(run.audit.awaitQuiescence(Duration.ofSeconds(5)))
                        .as("events analysed")
                        .isTrue();
                run.recordedVisitWrites = run.context
                        .getBean(RecordingDetector.class)
                        .events(SourceWrite.class)
                        .filter(write -> write.entity().equals(Visit.class.getName()))
                        .count();
            }
            run.rows = new LinkedHashMap<>();
            for (String loader : List.of("logged", "logged-in-own-transaction")) {
                run.rows.put(
                        loader,
                        jdbc.queryForObject("select count(*) from call_log where loader = ?", Long.class, loader));
            }
            run.rows.put("accounts", jdbc.queryForObject("select count(*) from account", Long.class));
            run.rows.put("visits", jdbc.queryForObject("select count(*) from visit", Long.class));
            if (!audited) {
                run.context.close();
            }
            return run;
        }

        private static long checked(VerificationStats stats, String cache) {
            long checked = 0;
            for (Outcome outcome : Outcome.values()) {
                checked += stats.count(cache, outcome);
            }
            return checked;
        }

        private static void await(BooleanSupplier condition, java.util.function.Supplier<String> waitingFor) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!condition.getAsBoolean()) {
                assertThat(System.nanoTime()).as(waitingFor).isLessThan(deadline);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(ex);
                }
            }
        }
    }

    record View(Long id, String name) {}

    /** Writes a call log row in a transaction of its own, as audit trails often do. */
    static class CallLog {

        private final JdbcTemplate jdbc;

        CallLog(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Transactional(propagation = Propagation.REQUIRES_NEW)
        public void record(String loader, Long id) {
            jdbc.update("insert into call_log (loader, account) values (?, ?)", loader, id);
        }
    }

    static class Loaders {

        final AtomicInteger logged = new AtomicInteger();

        final AtomicInteger ownTransaction = new AtomicInteger();

        final AtomicInteger visits = new AtomicInteger();

        private final AccountRepository repository;

        private final JdbcTemplate jdbc;

        private final CallLog log;

        private final VisitRepository visitRepository;

        Loaders(AccountRepository repository, JdbcTemplate jdbc, CallLog log, VisitRepository visitRepository) {
            this.visitRepository = visitRepository;
            this.repository = repository;
            this.jdbc = jdbc;
            this.log = log;
        }

        public AtomicInteger loggedCalls() {
            return logged;
        }

        public AtomicInteger ownTransactionCalls() {
            return ownTransaction;
        }

        public AtomicInteger visitCalls() {
            return visits;
        }

        @Cacheable(cacheNames = "visited", key = "#id")
        @Transactional
        public View visited(Long id) {
            visits.incrementAndGet();
            visitRepository.save(new Visit(id));
            Account account = repository.findById(id).orElseThrow();
            return new View(account.getId(), account.getName());
        }

        @Cacheable(cacheNames = "logged", key = "#id")
        @Transactional
        public View logged(Long id) {
            logged.incrementAndGet();
            jdbc.update("insert into call_log (loader, account) values ('logged', ?)", id);
            Account account = repository.findById(id).orElseThrow();
            return new View(account.getId(), account.getName());
        }

        @Cacheable(cacheNames = "logged-in-own-transaction", key = "#id")
        @Transactional(readOnly = true)
        public View loggedInOwnTransaction(Long id) {
            ownTransaction.incrementAndGet();
            Account account = repository.findById(id).orElseThrow();
            log.record("logged-in-own-transaction", id);
            return new View(account.getId(), account.getName());
        }

        @Cacheable(cacheNames = "plain", key = "#id")
        @Transactional(readOnly = true)
        public View plain(Long id) {
            Account account = repository.findById(id).orElseThrow();
            return new View(account.getId(), account.getName());
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableCaching
    static class App {

        @Bean
        CallLog callLog(JdbcTemplate jdbc) {
            return new CallLog(jdbc);
        }

        @Bean
        Loaders loaders(AccountRepository repository, JdbcTemplate jdbc, CallLog log, VisitRepository visits) {
            return new Loaders(repository, jdbc, log, visits);
        }

        @Bean
        RecordingDetector recordingDetector() {
            return new RecordingDetector();
        }
    }
}
