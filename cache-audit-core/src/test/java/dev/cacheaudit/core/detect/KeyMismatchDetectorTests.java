package dev.cacheaudit.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.event.CacheRegistered.KeyComparison;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Observation;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyMismatchDetectorTests {

    private static final String READ = "com.acme.UserService#find(Long)";

    private static final String WRITE = "com.acme.UserService#rename(Long,String)";

    private final Harness harness = new Harness().cache("users", KeyComparison.EQUALS);

    @Test
    void evictionWithPrefixedKeyIsReportedAsKeyMismatch() {
        harness.read("users", 42L, READ).evict("users", "user:42", WRITE);

        assertThat(harness.observations).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(FindingKind.KEY_MISMATCH);
            assertThat(o.cache()).isEqualTo("users");
            assertThat(o.readKey()).isEqualTo("42");
            assertThat(o.writeKey()).isEqualTo("user:42");
            assertThat(o.sites()).containsExactly(READ, WRITE);
            assertThat(o.message()).contains("'user:{n}'", "'{n}'", "evictions");
        });
    }

    @Test
    void repeatedMismatchedEvictionsAreOneProblem() {
        harness.read("users", 1L, READ).read("users", 2L, READ);
        harness.evict("users", "user:1", WRITE).evict("users", "user:2", WRITE);

        assertThat(harness.observations).hasSize(2);
        assertThat(harness.observations)
                .extracting(Observation::signature)
                .containsOnly(harness.observations.get(0).signature());
    }

    @Test
    void putWithPrefixedKeyIsReportedAsKeyMismatch() {
        harness.read("users", 42L, READ).put("users", "user:42", WRITE);

        assertThat(harness.of(FindingKind.KEY_MISMATCH)).singleElement().satisfies(o -> assertThat(o.message())
                .startsWith("puts use"));
    }

    @Test
    void wholeObjectDefaultKeyIsReportedAsKeyMismatch() {
        harness.read("users", "ada@example.com", "com.acme.UserService#findByEmail(String)")
                .evict("users", new User(7L, "ada@example.com"), "com.acme.UserService#save(User)");

        assertThat(harness.of(FindingKind.KEY_MISMATCH)).singleElement().satisfies(o -> {
            assertThat(o.message()).contains("whole argument (User)", "'{email}'");
            assertThat(o.readKey()).isEqualTo("ada@example.com");
        });
    }

    @Test
    void stringEvictionOfLongKeysIsKeyTypeMismatchInAnEqualsCache() {
        harness.read("users", 42L, READ).evict("users", "42", WRITE);

        assertThat(harness.observations).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(FindingKind.KEY_TYPE_MISMATCH);
            assertThat(o.message()).contains("String keys", "Long keys");
        });
    }

    @Test
    void stringEvictionOfLongKeysIsSilentWhereKeysCompareByTheirPrintedForm() {
        Harness redis = new Harness().cache("users", KeyComparison.SERIALIZED);
        redis.read("users", 42L, READ).evict("users", "42", WRITE);

        assertThat(redis.observations).isEmpty();
    }

    @Test
    void evictionOfAKeyNotCachedYetButOfTheReadShapeIsSilent() {
        harness.read("users", 42L, READ).evict("users", 43L, WRITE);

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void matchingEvictionIsSilent() {
        harness.read("users", 42L, READ).evict("users", 42L, WRITE).read("users", 42L, READ);

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void prefixedEvictionOfAnIdThatWasNeverReadIsNotReportedYet() {
        harness.read("users", 42L, READ).evict("users", "user:43", WRITE);

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void versionPrefixedKeysStaySilent() {
        harness.read("users", "v2:user:42", READ)
                .evict("users", "v2:user:42", WRITE)
                .evict("users", "v1:user:42", WRITE);

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void cachePutWriteThroughStaysSilent() {
        harness.read("users", 42L, READ).put("users", 42L, WRITE).hit("users", 42L, READ);

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void allEntriesEvictionStaysSilent() {
        harness.read("users", 42L, READ).clear("users", WRITE);

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void differentCachesWithDifferentKeyFormsStaySilent() {
        harness.cache("orders", KeyComparison.EQUALS);
        harness.read("users", 42L, READ).read("orders", "order:42", "com.acme.OrderService#find(Long)");
        harness.evict("orders", "order:42", "com.acme.OrderService#cancel(Long)");

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void unrelatedEntitiesSharingAnIdInOneCacheStaySilent() {
        harness.read("users", "user:42", READ).read("users", "order:42", READ);
        harness.evict("users", "order:42", WRITE).evict("users", "user:42", WRITE);

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void evictionOfAFormThatWasStoredStaysSilent() {
        harness.put("users", "user:42", "com.acme.Warmup#run()").read("users", 42L, READ);
        harness.observations.clear();
        harness.evict("users", "user:42", WRITE);

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void compositeDefaultKeyAgainstASingleValueKeyIsReportedAsKeyMismatch() {
        Harness composite = new Harness(key -> key instanceof Pair pair ? List.of(pair.id(), pair.name()) : null)
                .cache("users", KeyComparison.EQUALS);
        composite.read("users", 42L, READ).evict("users", new Pair(42L, "Ada"), WRITE);

        assertThat(composite.of(FindingKind.KEY_MISMATCH)).singleElement().satisfies(o -> {
            assertThat(o.message()).contains("default key of all 2 arguments");
            assertThat(o.readKey()).isEqualTo("42");
        });
    }

    record User(Long id, String email) {}

    record Pair(Long id, String name) {}

    private static final String LOGIN_READ = "com.acme.UserService#findByLogin(String)";

    private static final String LOGIN_WRITE = "com.acme.UserService#rename(User)";

    @Test
    void evictionOfAPrefixedLoginIsKeyMismatchEvenBeforeLoginsAreLearnedAsData() {
        Harness logins = new Harness().cache("logins", KeyComparison.SERIALIZED);
        logins.read("logins", "alice", LOGIN_READ).evict("logins", "user:alice", LOGIN_WRITE);

        assertThat(logins.observations).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(FindingKind.KEY_MISMATCH);
            assertThat(o.readKey()).isEqualTo("alice");
            assertThat(o.writeKey()).isEqualTo("user:alice");
            assertThat(o.message()).contains("'user:{w}'", "'{w}'");
        });
    }

    @Test
    void evictionOfAPrefixedLoginIsKeyMismatchOnceLoginsAreLearned() {
        Harness logins = new Harness().cache("logins", KeyComparison.SERIALIZED);
        for (String login : List.of("alice", "bob", "carol", "dave", "erin")) {
            logins.read("logins", login, LOGIN_READ);
        }
        logins.evict("logins", "user:bob", LOGIN_WRITE);

        assertThat(logins.of(FindingKind.KEY_MISMATCH)).singleElement().satisfies(o -> assertThat(o.message())
                .contains("'user:{w}'", "'{w}'"));
    }

    @Test
    void evictionOfTheLoginAsReadIsSilent() {
        Harness logins = new Harness().cache("logins", KeyComparison.SERIALIZED);
        for (String login : List.of("alice", "bob", "carol", "dave", "erin")) {
            logins.read("logins", login, LOGIN_READ);
        }
        logins.evict("logins", "bob", LOGIN_WRITE).evict("logins", "zoe", LOGIN_WRITE);

        assertThat(logins.observations).isEmpty();
    }

    @Test
    void evictionOfAPrefixedLoginThatWasNeverReadIsSilent() {
        Harness logins = new Harness().cache("logins", KeyComparison.SERIALIZED);
        logins.read("logins", "alice", LOGIN_READ).evict("logins", "user:bob", LOGIN_WRITE);

        assertThat(logins.observations).isEmpty();
    }

    @Test
    void cartAndCardKeysInOneCacheAreNotNear() {
        Harness mixed = new Harness().cache("things", KeyComparison.SERIALIZED);
        for (int i = 1; i <= 10; i++) {
            mixed.read("things", "cart:" + i, READ);
        }
        mixed.evict("things", "card:3", WRITE).put("things", "card:4", WRITE);

        assertThat(mixed.observations).isEmpty();
    }

    @Test
    void aMixedAlphanumericIdIsOneVariableSoAPrefixedFormIsNear() {
        Harness skus = new Harness().cache("products", KeyComparison.SERIALIZED);
        skus.read("products", "AB12CD", READ).evict("products", "sku-AB12CD", WRITE);

        assertThat(skus.observations).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(FindingKind.KEY_MISMATCH);
            assertThat(o.message()).contains("'sku-{id}'", "'{id}'");
        });
    }
}
