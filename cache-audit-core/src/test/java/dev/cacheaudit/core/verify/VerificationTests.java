package dev.cacheaudit.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.CacheEvict;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.CacheRead;
import dev.cacheaudit.core.event.TxState;
import dev.cacheaudit.core.event.VerificationOutcome.Outcome;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.keys.KeyRedactor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The verifier end to end in core, against an in-memory cache and source: stale reads past the grace period, changes
 * invalidated in time, refills that are already stale, and the read budget.
 */
class VerificationTests {

    private final Map<Object, Object> cache = new ConcurrentHashMap<>();

    private final Map<Object, Object> source = new ConcurrentHashMap<>();

    private final AtomicInteger sourceReads = new AtomicInteger();

    private CacheAudit audit;

    private CacheAudit start(double maxPerSecond) {
        VerificationBackend backend = new VerificationBackend() {
            @Override
            public Lookup cached(CheckTarget target) {
                Object value = cache.get(key(target));
                return value != null ? Lookup.of(value) : Lookup.ABSENT;
            }

            @Override
            public Lookup source(CheckTarget target) {
                sourceReads.incrementAndGet();
                Object value = source.get(key(target));
                return value != null ? Lookup.of(value) : Lookup.ABSENT;
            }

            @Override
            public boolean canVerify(CheckTarget target) {
                return true;
            }

            private Object key(CheckTarget target) {
                return target.key() != null ? target.key() : Long.valueOf(target.printedKey());
            }
        };
        VerificationSettings settings = new VerificationSettings(
                1.0,
                maxPerSecond,
                Duration.ofMillis(300),
                List.of(Duration.ofMillis(100), Duration.ofMillis(600)),
                10_000,
                Map.of("users", java.util.Set.of("lastLogin")));
        audit = CacheAudit.builder()
                .withoutDefaultDetectors()
                .withoutFindingLog()
                .redaction(KeyRedactor.Mode.PLAIN)
                .verification(settings, backend, 1.0)
                .build()
                .start();
        return audit;
    }

    @AfterEach
    void stop() {
        if (audit != null) {
            audit.close();
        }
    }

    @Test
    void valueChangedBehindTheCacheIsAStaleReadOnceTheGracePeriodIsOver() throws Exception {
        start(100);
        cache.put(42L, new User("Ada", 1));
        source.put(42L, new User("Ada Lovelace", 1));
        audit.submit(new CacheRead("users", 42L, true, "S#find", System.nanoTime()));

        List<Finding> findings = awaitFindings(FindingKind.STALE_READ, Duration.ofSeconds(3));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.cache()).isEqualTo("users");
            assertThat(f.readKey()).isEqualTo("42");
            assertThat(f.evidence()).containsEntry("differingFields", "name");
            assertThat(f.message()).doesNotContain("Ada");
            assertThat(Duration.parse(f.evidence().get("staleFor"))).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        });
        assertThat(audit.verificationStats().count("users", Outcome.STALE)).isGreaterThanOrEqualTo(2);
        assertThat(audit.verificationStats().confirmedStaleCount("users"))
                .as("stale outcomes past the grace period")
                .isPositive()
                .isLessThan(audit.verificationStats().count("users", Outcome.STALE));
    }

    @Test
    void entryTheSourceNoLongerHasIsAStaleReadThatSaysSoInWords() throws Exception {
        start(100);
        cache.put(44L, new User("Ada", 1));
        audit.submit(new CacheRead("users", 44L, true, "S#find", System.nanoTime()));

        List<Finding> findings = awaitFindings(FindingKind.STALE_READ, Duration.ofSeconds(3));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.message())
                    .contains("the source of truth has no entry for this key any more: deleted, or the attribute it"
                            + " is keyed by changed")
                    .doesNotContain("<")
                    .doesNotContain("Ada");
            assertThat(f.evidence()).containsEntry("sourceEntry", "none").doesNotContainKey("differingFields");
        });
    }

    @Test
    void evictionByTheStringFormOfALongKeyChecksTheLongEntryStillServed() throws Exception {
        start(100);
        cache.put(45L, new User("Ada", 1));
        source.put(45L, new User("Ada Lovelace", 1));
        long load = System.nanoTime();
        audit.submit(new CacheRead("users", 45L, false, "S#find", load));
        audit.submit(new CachePut("users", 45L, "S#find", load, TxState.NONE, System.nanoTime()));
        audit.submit(new CacheEvict("users", "45", "S#rename", TxState.NONE, System.nanoTime()));

        assertThat(awaitFindings(FindingKind.STALE_READ, Duration.ofSeconds(3)))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.readKey()).isEqualTo("45");
                    assertThat(f.evidence()).containsEntry("checkedBecause", "recheck");
                });
    }

    @Test
    void evictionByTheStringFormOfAFreshLongEntryStaysSilent() throws Exception {
        start(100);
        cache.put(46L, new User("Ada", 1));
        source.put(46L, new User("Ada", 1));
        long load = System.nanoTime();
        audit.submit(new CacheRead("users", 46L, false, "S#find", load));
        audit.submit(new CachePut("users", 46L, "S#find", load, TxState.NONE, System.nanoTime()));
        audit.submit(new CacheEvict("users", "46", "S#rename", TxState.NONE, System.nanoTime()));
        Thread.sleep(900);
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(2)))
                .as("events analysed")
                .isTrue();

        assertThat(audit.findings().findings()).isEmpty();
        assertThat(audit.verificationStats().count("users", Outcome.FRESH)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void freshEntryAndIgnoredFieldsStaySilent() throws Exception {
        start(100);
        cache.put(42L, new User("Ada", 1));
        source.put(42L, new User("Ada", 1));
        cache.put(43L, new User("Bob", 1));
        source.put(43L, new User("Bob", 2));
        audit.submit(new CacheRead("users", 42L, true, "S#find", System.nanoTime()));
        audit.submit(new CacheRead("users", 43L, true, "S#find", System.nanoTime()));
        Thread.sleep(800);
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(2)))
                .as("events analysed")
                .isTrue();

        assertThat(audit.findings().findings()).isEmpty();
        assertThat(audit.verificationStats().count("users", Outcome.FRESH)).isEqualTo(2);
    }

    @Test
    void differenceInvalidatedWithinTheGracePeriodIsNotReported() throws Exception {
        start(100);
        cache.put(42L, new User("Ada", 1));
        source.put(42L, new User("Ada Lovelace", 1));
        audit.submit(new CacheRead("users", 42L, true, "S#find", System.nanoTime()));
        Thread.sleep(100);
        cache.remove(42L);
        audit.submit(new CacheEvict("users", 42L, "S#rename", TxState.NONE, System.nanoTime()));
        cache.put(42L, new User("Ada Lovelace", 1));
        Thread.sleep(1200);
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(2)))
                .as("events analysed")
                .isTrue();

        assertThat(audit.findings().findings()).isEmpty();
        VerificationStats stats = audit.verificationStats();
        assertThat(stats.count("users", Outcome.STALE)).as("the sampled hit").isPositive();
        assertThat(stats.count("users", Outcome.FRESH))
                .as("the checks after the eviction")
                .isPositive();
        assertThat(stats.confirmedStaleCount("users"))
                .as("a difference gone within the grace period")
                .isZero();
    }

    @Test
    void refillRightAfterAnInvalidationWithNewDataIsNoStaleSet() throws Exception {
        start(100);
        source.put(42L, new User("new", 1));
        audit.submit(new CacheEvict("users", 42L, "S#rename", TxState.NONE, System.nanoTime()));
        cache.put(42L, new User("new", 1));
        long load = System.nanoTime();
        audit.submit(new CacheRead("users", 42L, false, "S#find", load));
        audit.submit(new CachePut("users", 42L, "S#find", load, TxState.NONE, System.nanoTime()));
        Thread.sleep(1200);
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(2)))
                .as("events analysed")
                .isTrue();

        assertThat(audit.findings().findings()).isEmpty();
        assertThat(audit.verificationStats().count("users", Outcome.FRESH))
                .as("the refill and the checks after it")
                .isGreaterThanOrEqualTo(2);
        assertThat(audit.verificationStats().count("users", Outcome.STALE)).isZero();
    }

    @Test
    void refillRightAfterAnInvalidationWithOldDataIsAStaleSet() throws Exception {
        start(100);
        source.put(42L, new User("new", 1));
        long evicted = System.nanoTime();
        audit.submit(new CacheEvict("users", 42L, "S#rename", TxState.NONE, evicted));
        cache.put(42L, new User("old", 1));
        long load = System.nanoTime();
        audit.submit(new CacheRead("users", 42L, false, "S#find", load));
        audit.submit(new CachePut("users", 42L, "S#find", load, TxState.NONE, System.nanoTime()));

        assertThat(awaitFindings(FindingKind.STALE_SET, Duration.ofSeconds(3)))
                .singleElement()
                .satisfies(f -> assertThat(f.evidence()).containsEntry("differingFields", "name"));
        assertThat(awaitFindings(FindingKind.STALE_READ, Duration.ofSeconds(3))).hasSize(1);
    }

    @Test
    void refillOvertakenByAnotherWriteAndItsEvictionIsNoStaleSet() throws Exception {
        start(100);
        source.put(42L, new User("paid", 1));
        audit.submit(new CacheEvict("users", 42L, "S#pay", TxState.NONE, System.nanoTime()));
        cache.put(42L, new User("paid", 1));
        long load = System.nanoTime();
        audit.submit(new CacheRead("users", 42L, false, "S#find", load));
        // The next write lands between the refill and its check, and evicts the entry right away.
        source.put(42L, new User("shipped", 1));
        audit.submit(new CachePut("users", 42L, "S#find", load, TxState.NONE, System.nanoTime()));
        Thread.sleep(20);
        cache.remove(42L);
        audit.submit(new CacheEvict("users", 42L, "S#ship", TxState.NONE, System.nanoTime()));
        Thread.sleep(1200);
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(2)))
                .as("events analysed")
                .isTrue();

        assertThat(audit.findings().findings()).isEmpty();
        VerificationStats stats = audit.verificationStats();
        assertThat(stats.count("users", Outcome.STALE)
                        + stats.count("users", Outcome.FRESH)
                        + stats.count("users", Outcome.ABSENT))
                .as("the refill and the eviction were checked")
                .isPositive();
    }

    @Test
    void sourceReadsStayWithinTheBudgetWhateverTheTraffic() throws Exception {
        start(20);
        for (long id = 0; id < 1000; id++) {
            cache.put(id, new User("u" + id, 1));
            source.put(id, new User("u" + id, 1));
        }
        long started = System.nanoTime();
        int hits = 0;
        while (System.nanoTime() - started < Duration.ofMillis(1500).toNanos()) {
            audit.submit(new CacheRead("users", (long) (hits % 1000), true, "S#find", System.nanoTime()));
            hits++;
            if (hits % 100 == 0) {
                Thread.sleep(1);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(2)))
                .as("events analysed")
                .isTrue();

        assertThat(hits).isGreaterThan(10_000);
        // A burst of one second's worth plus the steady rate, never more.
        assertThat(sourceReads.get()).isPositive().isLessThanOrEqualTo((int) Math.ceil(20 + 20 * seconds) + 1);
        assertThat(audit.verificationStats().count("users", Outcome.SKIPPED)
                        + audit.verificationStats().skipped())
                .isPositive();
    }

    private List<Finding> awaitFindings(FindingKind kind, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Finding> found = List.of();
        while (System.nanoTime() < deadline) {
            audit.awaitQuiescence(Duration.ofMillis(200));
            found = audit.findings().findings().stream()
                    .filter(f -> f.kind() == kind)
                    .toList();
            if (!found.isEmpty()) {
                return found;
            }
            Thread.sleep(50);
        }
        return found;
    }

    record User(String name, int lastLogin) {}
}
