package dev.cacheaudit.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.event.CacheRegistered;
import dev.cacheaudit.core.event.DeclaredOperations;
import dev.cacheaudit.core.event.DeclaredOperations.Holding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Observation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The silent side of the time-to-live, stampede and eviction-failure detectors, and their thresholds at the edge. A
 * silent case runs beside a case the same detector reports, in the same harness, so that silence cannot come from a
 * detector that saw nothing.
 */
class DetectorEdgesTests {

    private static final String PRICE = "com.acme.Price";

    private static final String READ = "com.acme.PriceService#find(Long)";

    private static final String JOB = "com.acme.PriceFeed#update()";

    private static final String SAVE = "com.acme.PriceService#save(Price)";

    /** Two caches of prices with the given time to live, each having cached price 7. */
    private static Harness twoPriceCaches(long ttlMillis) {
        Harness harness = new Harness().cacheWithTtl("prices", ttlMillis).cacheWithTtl("quotes", ttlMillis);
        harness.apply(new DeclaredOperations(
                List.of(),
                List.of(new Holding("prices", PRICE, "configuration"), new Holding("quotes", PRICE, "configuration")),
                1));
        return harness.read("prices", 7L, READ).read("quotes", 7L, READ);
    }

    @Test
    void entriesThatNeverExpireButAreEvictedOnEveryWriteStaySilent() {
        Harness harness = twoPriceCaches(CacheRegistered.NO_EXPIRY);
        for (int i = 0; i < 5; i++) {
            harness.advance(Duration.ofSeconds(5)).write(PRICE, 7L, 0, SAVE).evict("prices", 7L, SAVE);
        }

        assertThat(harness.of(FindingKind.NO_EXPIRY))
                .as("only the cache that nothing evicts")
                .extracting(Observation::cache)
                .containsExactly("quotes");
    }

    @Test
    void timeToLiveOfExactlyFourChangeIntervalsStaysSilent() {
        Harness harness = new Harness().cacheWithTtl("prices", 20_000);
        harness.apply(new DeclaredOperations(List.of(), List.of(new Holding("prices", PRICE, "configuration")), 1));
        harness.read("prices", 7L, READ);
        changeEvery(harness, Duration.ofMillis(5_000), 6);

        assertThat(harness.of(FindingKind.TTL_TOO_LONG)).isEmpty();
    }

    @Test
    void timeToLiveJustOverFourChangeIntervalsIsTtlTooLong() {
        Harness harness = new Harness().cacheWithTtl("prices", 20_001);
        harness.apply(new DeclaredOperations(List.of(), List.of(new Holding("prices", PRICE, "configuration")), 1));
        harness.read("prices", 7L, READ);
        changeEvery(harness, Duration.ofMillis(5_000), 3);

        assertThat(harness.of(FindingKind.TTL_TOO_LONG)).singleElement().satisfies(o -> assertThat(o.evidence())
                .containsEntry("medianChangeInterval", "PT5S"));
    }

    /** Writes price 7 at even intervals (plus the harness's microsecond per event, which the median in millis drops). */
    private static void changeEvery(Harness harness, Duration every, int times) {
        for (int i = 0; i < times; i++) {
            harness.advance(every).write(PRICE, 7L, 0, JOB);
        }
    }

    @Test
    void fourConcurrentLoadsOfOneKeyStaySilent() {
        Harness harness = new Harness().cacheWithTtl("quotes", 100);
        concurrentLoads(harness, "warm", 4);

        assertThat(harness.of(FindingKind.STAMPEDE)).isEmpty();

        concurrentLoads(harness, "hot", 5);
        assertThat(harness.of(FindingKind.STAMPEDE))
                .as("the same detector, one load more")
                .singleElement()
                .satisfies(o -> assertThat(o.evidence()).containsEntry("concurrentLoads", "5"));
    }

    @Test
    void fiveConcurrentLoadsOfOneKeyAreAStampede() {
        Harness harness = new Harness().cacheWithTtl("quotes", 100);
        concurrentLoads(harness, "hot", StampedeDetector.MIN_CONCURRENT);

        assertThat(harness.of(FindingKind.STAMPEDE)).singleElement().satisfies(o -> assertThat(o.evidence())
                .containsEntry("concurrentLoads", "5"));
    }

    /** {@code misses} misses of one key while one load of it runs, then the load's put. */
    private static void concurrentLoads(Harness harness, String key, int misses) {
        long start = harness.now();
        for (int i = 0; i < misses; i++) {
            harness.missAt("quotes", key, start + i * 1000L, READ);
        }
        harness.load("quotes", key, start, start + 50_000, READ);
        harness.advance(Duration.ofSeconds(1));
    }

    @Test
    void successfulEvictionsStaySilentBesideAFailedOne() {
        Harness harness = new Harness().cacheWithTtl("users", 60_000);
        harness.read("users", 1L, READ).read("users", 2L, READ);
        harness.evict("users", 1L, SAVE).redis("DEL", "users::1", 1, SAVE);
        harness.evict("users", 2L, SAVE).redisFailure("DEL", "users::2", "NOPERM no permission");
        harness.advance(Duration.ofSeconds(2));

        assertThat(harness.of(FindingKind.EVICTION_FAILED))
                .as("only the refused DEL")
                .singleElement()
                .satisfies(o -> assertThat(o.writeKey()).isEqualTo("users::2"));
    }
}
