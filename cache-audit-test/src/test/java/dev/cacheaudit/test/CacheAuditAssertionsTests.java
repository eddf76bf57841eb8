package dev.cacheaudit.test;

import static dev.cacheaudit.test.CacheAuditAssertions.assertFresh;
import static dev.cacheaudit.test.CacheAuditAssertions.assertNoFindings;
import static dev.cacheaudit.test.CacheAuditAssertions.assertThatAudit;
import static dev.cacheaudit.test.CacheAuditAssertions.assertThatRead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Severity;
import dev.cacheaudit.test.fixtures.TestApp;
import dev.cacheaudit.test.fixtures.User;
import dev.cacheaudit.test.fixtures.UserRepository;
import dev.cacheaudit.test.fixtures.UserService;
import java.time.Duration;
import java.util.Comparator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cache.CacheManager;

@SpringBootTest(classes = TestApp.class)
class CacheAuditAssertionsTests {

    @Autowired
    UserService users;

    @Autowired
    UserRepository repository;

    @Autowired
    CacheManager cacheManager;

    @Autowired
    CacheAudit audit;

    @BeforeEach
    void seedAndCache() {
        TestApp.reset(repository, cacheManager);
        repository.save(new User(42, "Ada"));
        assertThat(users.find(42L)).isEqualTo(new User(42, "Ada"));
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();
        audit.findings().clear();
    }

    @Test
    void readThroughACorrectlyInvalidatedCacheIsFresh() {
        users.rename(42L, "Grace");

        assertThatRead(() -> users.find(42L)).isFreshAgainst(() -> repository.findById(42L));
        assertFresh(() -> users.find(42L), () -> repository.findById(42L));
    }

    @Test
    void readAfterAWriteWithoutEvictionIsStaleAndTheMessageShowsBothValues() {
        users.renameWithoutEviction(42L, "Grace");

        assertThatThrownBy(() -> assertThatRead(() -> users.find(42L)).isFreshAgainst(() -> repository.findById(42L)))
                .isInstanceOfSatisfying(AssertionFailedError.class, failure -> {
                    assertThat(failure.getActual().getEphemeralValue()).isEqualTo(new User(42, "Ada"));
                    assertThat(failure.getExpected().getEphemeralValue()).isEqualTo(new User(42, "Grace"));
                })
                .hasMessageContaining("Expected the read through the cache to be fresh, but it returned a stale value.")
                .hasMessageContaining("read through the cache: <User[id=42, name=Ada]>")
                .hasMessageContaining("source of truth:        <User[id=42, name=Grace]>");
    }

    @Test
    void readAfterAnEvictionOfTheWrongKeyIsStale() {
        users.renameWithPrefixedKey(42L, "Grace");

        assertThatThrownBy(() -> assertFresh(() -> users.find(42L), () -> repository.findById(42L)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("<User[id=42, name=Ada]>");
    }

    @Test
    void describedAsPrefixesTheFailureMessage() {
        users.renameWithoutEviction(42L, "Grace");

        assertThatThrownBy(() -> assertThatRead(() -> users.find(42L))
                        .as("user 42 after rename")
                        .isFreshAgainst(() -> repository.findById(42L)))
                .hasMessageStartingWith("[user 42 after rename] Expected the read through the cache to be fresh");
    }

    @Test
    void comparatorDecidesWhatFreshMeans() {
        users.renameWithoutEviction(42L, "Grace");

        assertThatRead(() -> users.find(42L))
                .isFreshAgainst(() -> repository.findById(42L), Comparator.comparingLong(User::id));
        assertThatThrownBy(() -> assertThatRead(() -> users.find(42L))
                        .isFreshAgainst(() -> repository.findById(42L), Comparator.comparing(User::name)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("compared with");
    }

    @Test
    void viewsCompareOnlyWhatMattersAndShowBothViewsOnFailure() {
        users.renameWithoutEviction(42L, "Grace");

        assertThatRead(() -> users.find(42L)).isFreshAgainst(() -> repository.findById(42L), User::id, User::id);
        assertThatThrownBy(() -> assertThatRead(() -> users.find(42L))
                        .isFreshAgainst(() -> repository.findById(42L), User::name, User::name))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("compared: <Ada> (read) vs <Grace> (source of truth)");
    }

    @Test
    void hasFindingPassesWhenTheBugWasExercised() {
        users.renameWithPrefixedKey(42L, "Grace");

        assertThatAudit(audit).hasFinding(FindingKind.KEY_MISMATCH, "users");
        assertThatAudit(audit).findings().extracting(f -> f.kind()).contains(FindingKind.KEY_MISMATCH);
    }

    @Test
    void hasFindingFailsWhenThereIsNone() {
        users.rename(42L, "Grace");

        assertThatThrownBy(() -> assertThatAudit(audit).hasFinding(FindingKind.KEY_MISMATCH, "users"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expected a KEY_MISMATCH finding on cache 'users' but there was no finding");
    }

    @Test
    void hasFindingFailsOnAnotherCacheAndListsWhatWasFound() {
        users.renameWithPrefixedKey(42L, "Grace");

        assertThatThrownBy(() -> assertThatAudit(audit).hasFinding(FindingKind.KEY_MISMATCH, "orders"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected a KEY_MISMATCH finding on cache 'orders' but found only:")
                .hasMessageContaining("KEY_MISMATCH [ERROR] in cache 'users'");
    }

    @Test
    void hasNoFindingsAtLeastIgnoresLessSeriousFindings() {
        users.renameAndClearAll(42L, "Grace");

        assertThatAudit(audit).hasNoFindingsAtLeast(Severity.ERROR);
        assertThatThrownBy(() -> assertThatAudit(audit).hasNoFindingsAtLeast(Severity.WARN))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected no cache-audit finding of severity >= WARN but found")
                .hasMessageContaining("FULL_CLEAR [WARN] in cache 'users'");
    }

    @Test
    void assertNoFindingsPassesOnTheFixedPathAndFailsOnTheBuggyOne() {
        users.rename(42L, "Grace");
        users.find(42L);
        assertNoFindings(audit);

        users.renameWithPrefixedKey(42L, "Lin");
        assertThatThrownBy(() -> assertNoFindings(audit))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("KEY_MISMATCH [ERROR] in cache 'users'")
                .hasMessageContaining("read key users::42  ->  write key users::user:42");
    }
}
