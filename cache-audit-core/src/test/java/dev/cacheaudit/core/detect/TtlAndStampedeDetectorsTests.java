package dev.cacheaudit.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.event.CacheRegistered;
import dev.cacheaudit.core.event.DeclaredOperations;
import dev.cacheaudit.core.event.DeclaredOperations.Holding;
import dev.cacheaudit.core.finding.FindingKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TtlAndStampedeDetectorsTests {

    private static final String PRICE = "com.acme.Price";

    private static final String READ = "com.acme.PriceService#find(Long)";

    private static final String JOB = "com.acme.PriceFeed#update()";

    private Harness pricesWithTtl(long ttlMillis) {
        Harness harness = new Harness().cacheWithTtl("prices", ttlMillis);
        harness.apply(new DeclaredOperations(List.of(), List.of(new Holding("prices", PRICE, "configuration")), 1));
        return harness.read("prices", 7L, READ);
    }

    private static void changeEvery(Harness harness, Duration every, int times) {
        for (int i = 0; i < times; i++) {
            harness.advance(every).write(PRICE, 7L, 0, JOB);
        }
    }

    @Test
    void hourLongTtlOnDataThatChangesEverySecondsIsTtlTooLong() {
        Harness harness = pricesWithTtl(Duration.ofHours(1).toMillis());
        changeEvery(harness, Duration.ofSeconds(5), 4);

        assertThat(harness.of(FindingKind.TTL_TOO_LONG)).singleElement().satisfies(o -> {
            assertThat(o.cache()).isEqualTo("prices");
            assertThat(o.evidence()).containsEntry("ttl", "PT1H").containsEntry("medianChangeInterval", "PT5S");
            assertThat(o.sites()).containsExactly(JOB);
        });
    }

    @Test
    void shortTtlOnFastChangingDataStaysSilent() {
        Harness harness = pricesWithTtl(Duration.ofSeconds(2).toMillis());
        changeEvery(harness, Duration.ofSeconds(5), 6);

        assertThat(harness.of(FindingKind.TTL_TOO_LONG)).isEmpty();
    }

    @Test
    void longTtlWithEvictionOnWritesStaysSilent() {
        Harness harness = pricesWithTtl(Duration.ofHours(1).toMillis());
        for (int i = 0; i < 5; i++) {
            harness.advance(Duration.ofSeconds(5)).write(PRICE, 7L, 0, JOB).evict("prices", 7L, JOB);
        }

        assertThat(harness.of(FindingKind.TTL_TOO_LONG)).isEmpty();
    }

    @Test
    void entriesThatNeverExpireWhileTheirSourceChangesAreNoExpiry() {
        Harness harness = pricesWithTtl(CacheRegistered.NO_EXPIRY);
        changeEvery(harness, Duration.ofSeconds(5), 3);

        assertThat(harness.of(FindingKind.NO_EXPIRY)).singleElement().satisfies(o -> assertThat(o.evidence())
                .containsEntry("ttl", "none"));
    }

    @Test
    void entriesThatNeverExpireOnDataThatNeverChangesStaySilent() {
        Harness harness = pricesWithTtl(CacheRegistered.NO_EXPIRY);
        harness.advance(Duration.ofMinutes(5)).hit("prices", 7L, READ);

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void manyConcurrentLoadsOfOneKeyAreAStampede() {
        Harness harness = new Harness().cacheWithTtl("quotes", 100);
        long start = harness.now();
        for (int i = 0; i < 8; i++) {
            harness.missAt("quotes", "hot", start + i * 1000, READ);
        }
        harness.load("quotes", "hot", start, start + 50_000, READ);

        assertThat(harness.of(FindingKind.STAMPEDE)).singleElement().satisfies(o -> {
            assertThat(o.evidence()).containsEntry("concurrentLoads", "8");
            assertThat(o.sites()).containsExactly(READ);
        });
    }

    @Test
    void sequentialLoadsOfOneKeyStaySilent() {
        Harness harness = new Harness().cacheWithTtl("quotes", 100);
        for (int i = 0; i < 8; i++) {
            long start = harness.now() + 10_000;
            harness.missAt("quotes", "hot", start, READ).load("quotes", "hot", start, start + 1000, READ);
            harness.advance(Duration.ofMillis(200));
        }

        assertThat(harness.of(FindingKind.STAMPEDE)).isEmpty();
    }

    @Test
    void repeatedMissesOfAKeyWhoseLoadFailsStaySilent() {
        Harness harness = new Harness().cacheWithTtl("quotes", 100);
        for (int i = 0; i < 20; i++) {
            harness.missAt("quotes", "missing", harness.now() + 1000, READ);
        }

        assertThat(harness.of(FindingKind.STAMPEDE)).isEmpty();
    }
}
