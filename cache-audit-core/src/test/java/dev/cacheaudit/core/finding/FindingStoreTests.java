package dev.cacheaudit.core.finding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingStoreTests {

    private static final Instant START = Instant.parse("2025-01-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(START);

    private final FindingStore store = new FindingStore(100, clock);

    private static Observation observation(FindingKind kind, String cache, String signature, String... sites) {
        return new Observation(
                kind,
                cache,
                signature,
                kind + " on " + cache,
                "user:{n#0000abcd}",
                null,
                List.of(sites),
                Map.of("shape", signature));
    }

    @Test
    void sightingsOfOneKindCacheAndSignatureAreCountedAsOneFinding() {
        store.record(observation(FindingKind.KEY_MISMATCH, "users", "{n}|user:{n}", "A#get"));
        clock.advance(Duration.ofMinutes(5));
        store.record(observation(FindingKind.KEY_MISMATCH, "users", "{n}|user:{n}", "A#get"));
        clock.advance(Duration.ofMinutes(5));
        FindingStore.Recorded recorded =
                store.record(observation(FindingKind.KEY_MISMATCH, "users", "{n}|user:{n}", "B#evict"));

        assertThat(recorded).isNotNull();
        Finding latest = recorded.finding();
        assertThat(latest.count()).isEqualTo(3);
        assertThat(latest.firstSeen()).isEqualTo(START);
        assertThat(latest.lastSeen()).isEqualTo(START.plus(Duration.ofMinutes(10)));
        assertThat(latest.sites()).containsExactly("A#get", "B#evict");
        assertThat(latest.severity()).isEqualTo(Severity.ERROR);
        assertThat(latest.remediation()).isEqualTo(FindingKind.KEY_MISMATCH.remediation());
        assertThat(latest.readKey()).isEqualTo("user:{n#0000abcd}");
        assertThat(latest.evidence()).containsEntry("shape", "{n}|user:{n}");
        assertThat(store.findings()).containsExactly(latest);
    }

    @Test
    void aDifferentKindCacheOrSignatureIsAnotherFinding() {
        store.record(observation(FindingKind.KEY_MISMATCH, "users", "s1"));
        store.record(observation(FindingKind.KEY_TYPE_MISMATCH, "users", "s1"));
        store.record(observation(FindingKind.KEY_MISMATCH, "orders", "s1"));
        store.record(observation(FindingKind.KEY_MISMATCH, "users", "s2"));

        assertThat(store.findings()).hasSize(4).allSatisfy(f -> assertThat(f.count())
                .isEqualTo(1));
    }

    @Test
    void sitesAreMergedUpToEight() {
        for (int i = 1; i <= 12; i++) {
            store.record(observation(FindingKind.STALE_READ, "users", "s", "Site" + i + "#m", "Site1#m"));
        }

        Finding finding = store.findings().get(0);
        assertThat(finding.sites())
                .hasSize(8)
                .containsExactly(
                        "Site1#m", "Site2#m", "Site3#m", "Site4#m", "Site5#m", "Site6#m", "Site7#m", "Site8#m");
        assertThat(finding.count()).isEqualTo(12);
    }

    @Test
    void sitesStayWithinEightWhenObservationsCarrySeveralSites() {
        store.record(observation(FindingKind.STALE_READ, "users", "s", "A#1", "A#2", "A#3"));
        store.record(observation(FindingKind.STALE_READ, "users", "s", "B#1", "B#2", "B#3"));
        store.record(observation(FindingKind.STALE_READ, "users", "s", "C#1", "C#2", "C#3"));

        assertThat(store.findings().get(0).sites()).hasSizeLessThanOrEqualTo(8);
    }

    @Test
    void newFindingsBeyondCapacityAreDroppedAndCounted() {
        FindingStore small = new FindingStore(2, clock);
        assertThat(small.record(observation(FindingKind.STALE_READ, "users", "a")))
                .isNotNull();
        assertThat(small.record(observation(FindingKind.STALE_READ, "users", "b")))
                .isNotNull();

        assertThat(small.record(observation(FindingKind.STALE_READ, "users", "c")))
                .isNull();
        // A finding already held still counts its sightings when the store is full.
        FindingStore.Recorded again = small.record(observation(FindingKind.STALE_READ, "users", "a"));

        assertThat(again).isNotNull();
        assertThat(again.finding().count()).isEqualTo(2);
        assertThat(small.findings()).extracting(Finding::signature).containsExactlyInAnyOrder("a", "b");
        assertThat(small.dropped()).isEqualTo(1);
    }

    @Test
    void droppedCountsDistinctFindingsNotSightings() {
        FindingStore small = new FindingStore(1, clock);
        small.record(observation(FindingKind.STALE_READ, "users", "a"));

        small.record(observation(FindingKind.STALE_READ, "users", "b"));
        small.record(observation(FindingKind.STALE_READ, "users", "b"));
        small.record(observation(FindingKind.STALE_READ, "users", "b"));

        assertThat(small.dropped()).isEqualTo(1);
    }

    @Test
    void milestonesAreTheFirstSightingAndCountsThatArePowersOfTen() {
        List<Long> counts = new ArrayList<>();
        List<Boolean> firsts = new ArrayList<>();

        for (int i = 0; i < 150; i++) {
            FindingStore.Recorded recorded = store.record(observation(FindingKind.FULL_CLEAR, "users", "clear"));
            if (recorded != null && recorded.milestone()) {
                counts.add(recorded.finding().count());
                firsts.add(recorded.first());
            }
        }

        assertThat(counts).containsExactly(1L, 10L, 100L).doesNotContain(11L, 50L);
        assertThat(firsts).containsExactly(true, false, false);
    }

    @Test
    void findingsAreListedMostSevereFirstThenByFirstSighting() {
        store.record(observation(FindingKind.FULL_CLEAR, "users", "w1")); // WARN
        clock.advance(Duration.ofSeconds(1));
        store.record(observation(FindingKind.STALE_READ, "users", "e1")); // ERROR
        clock.advance(Duration.ofSeconds(1));
        store.record(observation(FindingKind.NO_EXPIRY, "orders", "w2")); // WARN
        clock.advance(Duration.ofSeconds(1));
        store.record(observation(FindingKind.KEY_MISMATCH, "orders", "e2")); // ERROR

        assertThat(store.findings()).extracting(Finding::signature).containsExactly("e1", "e2", "w1", "w2");
        assertThat(store.findings())
                .extracting(Finding::severity)
                .containsExactly(Severity.ERROR, Severity.ERROR, Severity.WARN, Severity.WARN);
    }

    @Test
    void clearForgetsEveryFinding() {
        store.record(observation(FindingKind.FULL_CLEAR, "users", "w1"));

        store.clear();

        assertThat(store.findings()).isEmpty();
        FindingStore.Recorded fresh = store.record(observation(FindingKind.FULL_CLEAR, "users", "w1"));
        assertThat(fresh).isNotNull();
        assertThat(fresh.finding().count()).isEqualTo(1);
    }

    @Test
    void severitiesCompareBySeriousness() {
        assertThat(Severity.ERROR.atLeast(Severity.WARN)).isTrue();
        assertThat(Severity.WARN.atLeast(Severity.WARN)).isTrue();
        assertThat(Severity.INFO.atLeast(Severity.WARN)).isFalse();
    }
}
