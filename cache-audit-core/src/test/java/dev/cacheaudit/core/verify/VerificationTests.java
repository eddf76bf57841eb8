package dev.cacheaudit.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.AuditPolling;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.CacheEvict;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.CacheRead;
import dev.cacheaudit.core.event.TxState;
import dev.cacheaudit.core.event.VerificationOutcome.Outcome;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.internal.engine.ManualClock;
import dev.cacheaudit.core.keys.KeyRedactor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The verifier end to end in core, against an in-memory cache and source: stale reads past the grace period, changes
 * invalidated in time, refills that are already stale, and the read budget. Time is a {@link ManualClock} the tests
 * move: a window or grace period passes when a test says so, and each step waits for the checks it makes due to have
 * run (their outcomes counted) before the next, so that no test passes for having looked too early.
 */
class VerificationTests {

    private final Map<Object, Object> cache = new ConcurrentHashMap<>();

    private final Map<Object, Object> source = new ConcurrentHashMap<>();

    private final AtomicInteger sourceReads = new AtomicInteger();

    private final ManualClock clock = new ManualClock();

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
                .clock(clock)
                .ticker(clock)
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
    void valueChangedBehindTheCacheIsAStaleReadOnceTheGracePeriodIsOver() {
        start(100);
        cache.put(42L, new User("Ada", 1));
        source.put(42L, new User("Ada Lovelace", 1));
        audit.submit(new CacheRead("users", 42L, true, "S#find", clock.nanoTime()));
        assertThat(outcomes(Outcome.STALE, 1)).isTrue();
        assertThat(audit.findings().findings()).isEmpty();

        clock.advance(Duration.ofMillis(300));
        List<Finding> findings = awaitFindings(FindingKind.STALE_READ);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.cache()).isEqualTo("users");
            assertThat(f.readKey()).isEqualTo("42");
            assertThat(f.evidence()).containsEntry("differingFields", "name");
            assertThat(f.message()).doesNotContain("Ada");
            assertThat(Duration.parse(f.evidence().get("staleFor"))).isEqualTo(Duration.ofMillis(300));
        });
        assertThat(audit.verificationStats().count("users", Outcome.STALE)).isEqualTo(2);
        assertThat(audit.verificationStats().confirmedStaleCount("users"))
                .as("stale outcomes past the grace period")
                .isPositive()
                .isLessThan(audit.verificationStats().count("users", Outcome.STALE));
    }

    @Test
    void entryTheSourceNoLongerHasIsAStaleReadThatSaysSoInWords() {
        start(100);
        cache.put(44L, new User("Ada", 1));
        audit.submit(new CacheRead("users", 44L, true, "S#find", clock.nanoTime()));
        assertThat(outcomes(Outcome.STALE, 1)).isTrue();

        clock.advance(Duration.ofMillis(300));
        List<Finding> findings = awaitFindings(FindingKind.STALE_READ);

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
    void evictionByTheStringFormOfALongKeyChecksTheLongEntryStillServed() {
        start(100);
        cache.put(45L, new User("Ada", 1));
        source.put(45L, new User("Ada Lovelace", 1));
        long load = clock.nanoTime();
        audit.submit(new CacheRead("users", 45L, false, "S#find", load));
        audit.submit(new CachePut("users", 45L, "S#find", load, TxState.NONE, clock.nanoTime()));
        audit.submit(new CacheEvict("users", "45", "S#rename", TxState.NONE, clock.nanoTime()));
        clock.advance(Duration.ofMillis(100));
        assertThat(outcomes(Outcome.STALE, 1)).isTrue();

        clock.advance(Duration.ofMillis(200));

        assertThat(awaitFindings(FindingKind.STALE_READ)).singleElement().satisfies(f -> {
            assertThat(f.readKey()).isEqualTo("45");
            assertThat(f.evidence()).containsEntry("checkedBecause", "recheck");
        });
    }

    @Test
    void evictionByTheStringFormOfAFreshLongEntryStaysSilent() {
        start(100);
        cache.put(46L, new User("Ada", 1));
        source.put(46L, new User("Ada", 1));
        long load = clock.nanoTime();
        audit.submit(new CacheRead("users", 46L, false, "S#find", load));
        audit.submit(new CachePut("users", 46L, "S#find", load, TxState.NONE, clock.nanoTime()));
        audit.submit(new CacheEvict("users", "46", "S#rename", TxState.NONE, clock.nanoTime()));
        clock.advance(Duration.ofMillis(100));
        assertThat(outcomes(Outcome.FRESH, 1)).isTrue();
        clock.advance(Duration.ofMillis(500));

        assertThat(outcomes(Outcome.FRESH, 2)).isTrue();
        assertThat(audit.findings().findings()).isEmpty();
    }

    @Test
    void freshEntryAndIgnoredFieldsStaySilent() {
        start(100);
        cache.put(42L, new User("Ada", 1));
        source.put(42L, new User("Ada", 1));
        cache.put(43L, new User("Bob", 1));
        source.put(43L, new User("Bob", 2));
        audit.submit(new CacheRead("users", 42L, true, "S#find", clock.nanoTime()));
        audit.submit(new CacheRead("users", 43L, true, "S#find", clock.nanoTime()));
        assertThat(outcomes(Outcome.FRESH, 2)).isTrue();
        clock.advance(Duration.ofMillis(800));

        assertThat(audit.verificationStats().confirmedStaleCount("users"))
                .as("a difference gone within the grace period")
                .isZero();
    }

    @Test
    void refillRightAfterAnInvalidationWithNewDataIsNoStaleSet() {
        start(100);
        source.put(42L, new User("new", 1));
        audit.submit(new CacheEvict("users", 42L, "S#rename", TxState.NONE, clock.nanoTime()));
        cache.put(42L, new User("new", 1));
        long load = clock.nanoTime();
        audit.submit(new CacheRead("users", 42L, false, "S#find", load));
        audit.submit(new CachePut("users", 42L, "S#find", load, TxState.NONE, clock.nanoTime()));
        for (int checks = 1; checks <= 2; checks++) {
            clock.advance(Duration.ofMillis(checks == 2 ? 500 : 100));
            assertThat(outcomes(Outcome.FRESH, checks)).isTrue();
        }

        assertThat(audit.findings().findings()).isEmpty();
        assertThat(audit.verificationStats().count("users", Outcome.STALE)).isZero();

        assertThat(audit.awaitQuiescence(Duration.ofSeconds(2))).isTrue();
        assertThat(audit.findings().findings()).isEmpty();
        assertThat(audit.verificationStats().count("users", Outcome.FRESH)).isEqualTo(2);
        assertThat(audit.verificationStats().count("users", Outcome.STALE)).isZero();
    }

    @Test
    void differenceInvalidatedWithinTheGracePeriodIsNotReported() {
        start(100);
        cache.put(42L, new User("Ada", 1));
        source.put(42L, new User("Ada Lovelace", 1));
        audit.submit(new CacheRead("users", 42L, true, "S#find", clock.nanoTime()));
        assertThat(outcomes(Outcome.STALE, 1)).isTrue();
        clock.advance(Duration.ofMillis(100));
        cache.remove(42L);
        audit.submit(new CacheEvict("users", 42L, "S#rename", TxState.NONE, clock.nanoTime()));
        cache.put(42L, new User("Ada Lovelace", 1));
        // The first window after the eviction, the recheck of the stale sighting, the last window.
        for (int checks = 1; checks <= 3; checks++) {
            clock.advance(Duration.ofMillis(checks == 3 ? 400 : 100));
            assertThat(outcomes(Outcome.FRESH, checks)).isTrue();
        }

        assertThat(audit.findings().findings()).isEmpty();
        assertThat(audit.verificationStats().count("users", Outcome.STALE)).isEqualTo(1);
    }

    @Test
    void refillRightAfterAnInvalidationWithOldDataIsAStaleSet() {
        start(100);
        source.put(42L, new User("new", 1));
        audit.submit(new CacheEvict("users", 42L, "S#rename", TxState.NONE, clock.nanoTime()));
        cache.put(42L, new User("old", 1));
        clock.advance(Duration.ofMillis(1));
        long load = clock.nanoTime();
        audit.submit(new CacheRead("users", 42L, false, "S#find", load));
        audit.submit(new CachePut("users", 42L, "S#find", load, TxState.NONE, clock.nanoTime()));
        assertThat(outcomes(Outcome.STALE, 1)).isTrue();
        assertThat(audit.findings().findings()).isEmpty();

        clock.advance(Duration.ofMillis(300));

        assertThat(awaitFindings(FindingKind.STALE_SET)).singleElement().satisfies(f -> assertThat(f.evidence())
                .containsEntry("differingFields", "name"));
        assertThat(awaitFindings(FindingKind.STALE_READ)).hasSize(1);
    }

    @Test
    void refillOvertakenByAnotherWriteAndItsEvictionIsNoStaleSet() {
        start(100);
        source.put(42L, new User("paid", 1));
        audit.submit(new CacheEvict("users", 42L, "S#pay", TxState.NONE, clock.nanoTime()));
        cache.put(42L, new User("paid", 1));
        clock.advance(Duration.ofMillis(1));
        long load = clock.nanoTime();
        audit.submit(new CacheRead("users", 42L, false, "S#find", load));
        // The next write lands between the refill and its check, and evicts the entry right away.
        source.put(42L, new User("shipped", 1));
        audit.submit(new CachePut("users", 42L, "S#find", load, TxState.NONE, clock.nanoTime()));
        assertThat(outcomes(Outcome.STALE, 1)).isTrue();
        clock.advance(Duration.ofMillis(20));
        cache.remove(42L);
        audit.submit(new CacheEvict("users", 42L, "S#ship", TxState.NONE, clock.nanoTime()));
        clock.advance(Duration.ofMillis(700));

        // Both evictions' two windows and the recheck of the stale refill found the entry gone.
        assertThat(outcomes(Outcome.ABSENT, 5)).isTrue();
        assertThat(audit.findings().findings()).isEmpty();
        VerificationStats stats = audit.verificationStats();
        assertThat(stats.count("users", Outcome.STALE)
                        + stats.count("users", Outcome.FRESH)
                        + stats.count("users", Outcome.ABSENT))
                .as("the refill and the eviction were checked")
                .isPositive();
    }

    @Test
    void sourceReadsStayWithinTheBudgetWhateverTheTraffic() {
        start(20);
        for (long id = 0; id < 1000; id++) {
            cache.put(id, new User("u" + id, 1));
            source.put(id, new User("u" + id, 1));
        }
        int hits = 0;
        for (int step = 0; step < 15; step++) {
            for (int i = 0; i < 1000; i++) {
                audit.submit(new CacheRead("users", (long) (hits % 1000), true, "S#find", clock.nanoTime()));
                hits++;
            }
            assertThat(audit.awaitQuiescence(Duration.ofSeconds(5))).isTrue();
            clock.advance(Duration.ofMillis(100));
        }
        VerificationStats stats = audit.verificationStats();
        int sampled = hits;
        // skipped() counts the checks skipped at the queue and those skipped for want of budget (SKIPPED outcomes).
        assertThat(await(() -> stats.count("users", Outcome.FRESH) + stats.skipped() == sampled))
                .as("every sampled hit was checked or skipped")
                .isTrue();

        // A burst of one second's worth plus the steady rate over the 1.5 s that passed, never more.
        assertThat(sourceReads.get()).isGreaterThanOrEqualTo(20).isLessThanOrEqualTo(20 + 30);
        assertThat(stats.count("users", Outcome.SKIPPED)).isPositive();
    }

    /** Waits until the verifier's outcomes of one kind number at least {@code atLeast}, all of them analysed. */
    private boolean outcomes(Outcome outcome, long atLeast) {
        return await(() -> audit.verificationStats().count("users", outcome) >= atLeast);
    }

    private List<Finding> awaitFindings(FindingKind kind) {
        await(() -> audit.findings().findings().stream().anyMatch(f -> f.kind() == kind));
        return audit.findings().findings().stream()
                .filter(f -> f.kind() == kind)
                .toList();
    }

    private boolean await(BooleanSupplier condition) {
        return AuditPolling.until(audit, Duration.ofSeconds(5), condition);
    }

    @Test
    void collectionWhoseElementsDifferAsAWholeIsSaidInWordsWhileAFieldKeepsItsPath() {
        assertThat(VerificationDetector.shown(List.of("[]")))
                .isEqualTo("the collection's elements (which or how many)");
        assertThat(VerificationDetector.shown(List.of("rooms[]", "name")))
                .isEqualTo("the elements of rooms (which or how many), name");
        assertThat(VerificationDetector.shown(List.of("rooms[].label"))).isEqualTo("rooms[].label");
    }

    record User(String name, int lastLogin) {}
}
