package dev.cacheaudit.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.event.CacheError;
import dev.cacheaudit.core.event.CacheRegistered.KeyComparison;
import dev.cacheaudit.core.finding.FindingKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** EVICT_BEFORE_COMMIT, EVICTION_FAILED and FULL_CLEAR, each with the design that stays silent. */
class WritePathDetectorsTests {

    private static final String SERVICE = "com.acme.UserService#rename(Long,String)";

    private static final String OTHER = "com.acme.UserService#delete(Long)";

    private final Harness harness = new Harness().cache("users", KeyComparison.EQUALS);

    @Test
    void evictionInsideATransactionThatCommitsIsEvictBeforeCommit() {
        harness.evictInTx("users", 42L, 9, false, SERVICE)
                .advance(Duration.ofMillis(40))
                .commit(9);

        assertThat(harness.of(FindingKind.EVICT_BEFORE_COMMIT)).singleElement().satisfies(o -> {
            assertThat(o.cache()).isEqualTo("users");
            assertThat(o.sites()).containsExactly(SERVICE);
            assertThat(o.evidence()).containsEntry("transaction", "committed");
            assertThat(Long.parseLong(o.evidence().get("commitAfterMs"))).isGreaterThanOrEqualTo(40);
        });
    }

    @Test
    void transactionAwareCacheStaysSilent() {
        harness.evictInTx("users", 42L, 9, true, SERVICE).commit(9);

        assertThat(harness.of(FindingKind.EVICT_BEFORE_COMMIT)).isEmpty();
    }

    @Test
    void evictionOutsideATransactionStaysSilent() {
        harness.evict("users", 42L, SERVICE);

        assertThat(harness.of(FindingKind.EVICT_BEFORE_COMMIT)).isEmpty();
    }

    @Test
    void evictionInARolledBackTransactionStaysSilent() {
        harness.evictInTx("users", 42L, 9, false, SERVICE).rollback(9);

        assertThat(harness.of(FindingKind.EVICT_BEFORE_COMMIT)).isEmpty();
    }

    @Test
    void evictionSwallowedByAnErrorHandlerIsReportedOnceAsSwallowed() {
        Object key = 42L;
        harness.error("users", "evict", key, false, SERVICE).error("users", "evict", key, true, SERVICE);
        harness.advance(Duration.ofSeconds(1));

        assertThat(harness.of(FindingKind.EVICTION_FAILED)).singleElement().satisfies(o -> {
            assertThat(o.evidence()).containsEntry("swallowed", "true");
            assertThat(o.message()).contains("swallowed");
            assertThat(o.sites()).containsExactly(SERVICE);
        });
    }

    @Test
    void swallowedEvictionIsPairedWithItsOwnThreadsFailureWhateverComesBetween() {
        long at = harness.now();
        harness.apply(new CacheError("users", "evict", 42L, "java.lang.IllegalStateException", false, SERVICE, at, 1))
                .hit("users", 7L, "com.acme.UserService#find(Long)")
                .apply(new CacheError("users", "evict", 43L, "java.lang.IllegalStateException", false, OTHER, at, 2))
                .read("orders", 9L, "com.acme.OrderService#find(Long)")
                .apply(new CacheError("users", "evict", 42L, "java.lang.IllegalStateException", true, SERVICE, at, 1))
                .advance(Duration.ofSeconds(1));

        assertThat(harness.of(FindingKind.EVICTION_FAILED)).hasSize(2);
        assertThat(harness.of(FindingKind.EVICTION_FAILED))
                .filteredOn(o -> o.sites().contains(SERVICE))
                .singleElement()
                .satisfies(o -> assertThat(o.evidence()).containsEntry("swallowed", "true"));
        // The other thread's failure was not swallowed: its handler never spoke, so the application saw it.
        assertThat(harness.of(FindingKind.EVICTION_FAILED))
                .filteredOn(o -> o.sites().contains(OTHER))
                .singleElement()
                .satisfies(o -> assertThat(o.evidence()).containsEntry("swallowed", "false"));
    }

    @Test
    void anotherThreadsSwallowedFailureDoesNotClaimAFailureTheApplicationSaw() {
        long at = harness.now();
        harness.apply(new CacheError("users", "evict", 42L, "java.lang.IllegalStateException", false, SERVICE, at, 1))
                .apply(new CacheError("users", "evict", 42L, "java.lang.IllegalStateException", true, SERVICE, at, 2))
                .advance(Duration.ofSeconds(1));

        assertThat(harness.of(FindingKind.EVICTION_FAILED))
                .extracting(o -> o.evidence().get("swallowed"))
                .containsExactlyInAnyOrder("true", "false");
    }

    @Test
    void aFailureWaitsForItsErrorHandlerUntilASecondHasPassed() {
        harness.error("users", "evict", 42L, false, SERVICE).advance(Duration.ofMillis(500));

        assertThat(harness.of(FindingKind.EVICTION_FAILED)).isEmpty();

        harness.advance(Duration.ofMillis(600));
        assertThat(harness.of(FindingKind.EVICTION_FAILED)).hasSize(1);
    }

    @Test
    void evictionThatThrewToTheApplicationIsReported() {
        harness.error("users", "evict", 42L, false, SERVICE).advance(Duration.ofSeconds(1));

        assertThat(harness.of(FindingKind.EVICTION_FAILED)).singleElement().satisfies(o -> assertThat(o.evidence())
                .containsEntry("swallowed", "false"));
    }

    @Test
    void failedReadsAreNotEvictionFailures() {
        harness.error("users", "get", 42L, true, SERVICE).advance(Duration.ofSeconds(1));

        assertThat(harness.of(FindingKind.EVICTION_FAILED)).isEmpty();
    }

    @Test
    void asynchronousUnlinkRefusedByRedisIsEvictionFailed() {
        harness.redisFailure(
                "UNLINK", "app:users::42", "NOPERM User cache has no permissions to run the 'unlink' command");
        harness.advance(Duration.ofSeconds(2));

        assertThat(harness.of(FindingKind.EVICTION_FAILED)).singleElement().satisfies(o -> {
            assertThat(o.cache()).isEqualTo("users");
            assertThat(o.evidence()).containsEntry("operation", "UNLINK");
            assertThat(o.message()).contains("NOPERM");
        });
    }

    @Test
    void refusedGetdelIsAnEvictionFailureAndARefusedExpiryOrHashWriteIsNot() {
        harness.redisFailure("GETDEL", "users::42", "NOPERM no permissions")
                .redisFailure("EXPIRE", "users::43", "NOPERM no permissions")
                .redisFailure("HDEL", "users::44", "NOPERM no permissions")
                .advance(Duration.ofSeconds(2));

        assertThat(harness.of(FindingKind.EVICTION_FAILED)).singleElement().satisfies(o -> {
            assertThat(o.evidence()).containsEntry("operation", "GETDEL");
            assertThat(o.cache()).isEqualTo("users");
        });
    }

    @Test
    void failedRedisReadsAreNotEvictionFailures() {
        harness.redisFailure("GET", "users::42", "ERR timeout");
        harness.advance(Duration.ofSeconds(2));

        assertThat(harness.of(FindingKind.EVICTION_FAILED)).isEmpty();
    }

    @Test
    void refusedSynchronousDeleteThatTheCacheAlsoSawIsReportedOnce() {
        harness.redisFailure("DEL", "users::42", "NOPERM no permissions")
                .error("users", "evict", 42L, true, SERVICE)
                .advance(Duration.ofSeconds(2));

        assertThat(harness.of(FindingKind.EVICTION_FAILED)).singleElement().satisfies(o -> assertThat(o.evidence())
                .containsEntry("swallowed", "true"));
    }

    @Test
    void repeatedClearsOfAPopulatedCacheOnTheWritePathAreFullClears() {
        for (int round = 0; round < 3; round++) {
            for (long id = 0; id < 10; id++) {
                harness.read("users", id, "com.acme.UserService#find(Long)");
            }
            harness.clear("users", SERVICE);
        }
        harness.read("users", 1L, "com.acme.UserService#find(Long)");

        assertThat(harness.of(FindingKind.FULL_CLEAR)).singleElement().satisfies(o -> {
            assertThat(o.sites()).containsExactly(SERVICE);
            assertThat(o.evidence()).containsEntry("clearsInWindow", "3").containsEntry("averageEntriesDropped", "10");
        });
    }

    @Test
    void rareAdministrativeClearStaysSilent() {
        for (long id = 0; id < 10; id++) {
            harness.read("users", id, "com.acme.UserService#find(Long)");
        }
        harness.clear("users", "com.acme.Admin#flushCaches()");

        assertThat(harness.of(FindingKind.FULL_CLEAR)).isEmpty();
    }

    @Test
    void clearsOfAnAlmostEmptyCacheStaySilent() {
        for (int round = 0; round < 5; round++) {
            harness.read("users", 1L, "com.acme.UserService#find(Long)").clear("users", SERVICE);
        }

        assertThat(harness.of(FindingKind.FULL_CLEAR)).isEmpty();
    }
}
