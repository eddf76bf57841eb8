package dev.cacheaudit.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.event.CacheRegistered.KeyComparison;
import dev.cacheaudit.core.event.DeclaredOperations;
import dev.cacheaudit.core.event.DeclaredOperations.Holding;
import dev.cacheaudit.core.finding.FindingKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class UncoveredWriteDetectorTests {

    private static final String USER = "com.acme.User";

    private static final String READ = "com.acme.UserService#find(Long)";

    private static final String JOB = "com.acme.NightlyJob#run()";

    private final Harness harness = new Harness().cache("users", KeyComparison.EQUALS);

    UncoveredWriteDetectorTests() {
        harness.apply(new DeclaredOperations(List.of(), List.of(new Holding("users", USER, "return-type")), 1));
    }

    @Test
    void committedWriteOfACachedEntityWithNoEvictionIsUncovered() {
        harness.read("users", 42L, READ).write(USER, 42L, 7, JOB).commit(7).advance(Duration.ofSeconds(3));

        assertThat(harness.of(FindingKind.UNCOVERED_WRITE)).singleElement().satisfies(o -> {
            assertThat(o.cache()).isEqualTo("users");
            assertThat(o.sites()).containsExactly(JOB);
            assertThat(o.evidence()).containsEntry("entity", USER).containsEntry("writeSite", JOB);
            assertThat(o.message()).contains("User is written by " + JOB);
        });
    }

    @Test
    void writeIsNotJudgedBeforeTheWindowAfterItsCommitHasPassed() {
        harness.read("users", 42L, READ).write(USER, 42L, 7, JOB).commit(7).advance(Duration.ofMillis(500));

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void evictionInTheSameTransactionCoversTheWrite() {
        harness.read("users", 42L, READ)
                .write(USER, 42L, 7, JOB)
                .evictInTx("users", 42L, 7, false, "com.acme.UserService#rename")
                .commit(7)
                .advance(Duration.ofSeconds(3));

        assertThat(harness.of(FindingKind.UNCOVERED_WRITE)).isEmpty();
    }

    @Test
    void evictionAfterCommitWithinTheWindowCoversTheWrite() {
        harness.read("users", 42L, READ).write(USER, 42L, 7, JOB).commit(7);
        harness.advance(Duration.ofMillis(300)).evict("users", 42L, "com.acme.UserEvents#afterCommit");
        harness.advance(Duration.ofSeconds(3));

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void writeThroughPutCoversTheWrite() {
        harness.read("users", 42L, READ).write(USER, 42L, 0, JOB).put("users", 42L, "com.acme.UserService#save");
        harness.advance(Duration.ofSeconds(3));

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void rolledBackWriteIsNotJudged() {
        harness.read("users", 42L, READ).write(USER, 42L, 7, JOB).rollback(7).advance(Duration.ofSeconds(3));

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void writeOfAnEntityNoCacheHoldsIsNotJudged() {
        harness.read("users", 42L, READ).write("com.acme.AuditLog", 42L, 0, JOB).advance(Duration.ofSeconds(3));

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void writeOfAnIdentifierTheCacheNeverHeldIsNotJudged() {
        harness.read("users", 42L, READ)
                .write(USER, 43L, 0, "com.acme.Seed#run()")
                .advance(Duration.ofSeconds(3));

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void writesBeforeAnythingWasCachedAreNotJudged() {
        harness.write(USER, 42L, 0, "com.acme.Seed#run()")
                .read("users", 42L, READ)
                .advance(Duration.ofSeconds(3));

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void bulkModifyingQueryWithoutInvalidationIsUncovered() {
        harness.read("users", 42L, READ)
                .apply(new dev.cacheaudit.core.event.SourceWrite(
                        USER,
                        null,
                        dev.cacheaudit.core.event.SourceWrite.Kind.BULK,
                        "com.acme.UserMaintenance#deactivateAll()",
                        dev.cacheaudit.core.event.TxState.NONE,
                        harness.now() + 1000))
                .advance(Duration.ofSeconds(3));

        assertThat(harness.of(FindingKind.UNCOVERED_WRITE)).singleElement().satisfies(o -> assertThat(o.evidence())
                .containsEntry("write", "bulk"));
    }

    @Test
    void bulkModifyingQueryFollowedByAClearIsCovered() {
        harness.read("users", 42L, READ)
                .apply(new dev.cacheaudit.core.event.SourceWrite(
                        USER,
                        null,
                        dev.cacheaudit.core.event.SourceWrite.Kind.BULK,
                        "com.acme.UserMaintenance#deactivateAll()",
                        dev.cacheaudit.core.event.TxState.NONE,
                        harness.now() + 1000))
                .advance(Duration.ofMillis(10))
                .clear("users", "com.acme.UserMaintenance#deactivateAll()")
                .advance(Duration.ofSeconds(3));

        assertThat(harness.of(FindingKind.UNCOVERED_WRITE)).isEmpty();
    }

    @Test
    void cacheKeyedBySomethingElseIsJudgedOnAnyCachedEntry() {
        harness.cache("usersByEmail", KeyComparison.EQUALS);
        harness.apply(
                new DeclaredOperations(List.of(), List.of(new Holding("usersByEmail", USER, "configuration")), 2));
        harness.read("usersByEmail", "ada@example.com", "com.acme.UserService#byEmail(String)")
                .write(USER, 42L, 0, JOB)
                .evict("users", 42L, JOB)
                .advance(Duration.ofSeconds(3));

        assertThat(harness.of(FindingKind.UNCOVERED_WRITE)).singleElement().satisfies(o -> assertThat(o.cache())
                .isEqualTo("usersByEmail"));
    }
}
