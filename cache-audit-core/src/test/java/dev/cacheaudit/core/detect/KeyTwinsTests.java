package dev.cacheaudit.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.event.CacheRegistered.KeyComparison;
import dev.cacheaudit.core.event.EntityHeld;
import dev.cacheaudit.core.finding.FindingKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Key mismatches found through the entity a cached value holds and through the keys' normal forms. */
class KeyTwinsTests {

    private static final String READ = "com.acme.CustomerService#findByPhone(String)";

    private static final String WRITE = "com.acme.CustomerService#update(Customer)";

    private static final Duration JUDGED = Duration.ofMillis(300);

    private final Harness harness = new Harness().cache("customersByPhone", KeyComparison.SERIALIZED);

    private Harness readCustomer(String phone, long id) {
        harness.read("customersByPhone", phone, READ);
        return harness.apply(new EntityHeld("customersByPhone", phone, List.of(customer(id)), "phone", harness.now()));
    }

    private static EntityHeld.Entity customer(long id) {
        return new EntityHeld.Entity("Customer", Long.toString(id), "id");
    }

    @Test
    void evictionByIdOfACacheReadByPhoneIsAKeyMismatchNamingBothAttributes() {
        readCustomer("555-0100", 42).evict("customersByPhone", 42L, WRITE).advance(JUDGED);

        assertThat(harness.of(FindingKind.KEY_MISMATCH)).singleElement().satisfies(o -> {
            assertThat(o.message()).startsWith("reads key 'customersByPhone' by phone, evictions by id");
            assertThat(o.readKey()).isEqualTo("555-0100");
            assertThat(o.writeKey()).isEqualTo("42");
            assertThat(o.sites()).containsExactly(READ, WRITE);
            assertThat(o.evidence())
                    .containsEntry("readAttribute", "phone")
                    .containsEntry("writeAttribute", "id")
                    .containsEntry("entity", "Customer");
        });
    }

    @Test
    void evictionIsJudgedOnlyAfterTheOtherEvictionsOfTheSameCallHadTheirChance() {
        readCustomer("555-0100", 42).evict("customersByPhone", 42L, WRITE);

        assertThat(harness.observations).isEmpty();
        harness.advance(JUDGED);
        assertThat(harness.of(FindingKind.KEY_MISMATCH)).hasSize(1);
    }

    @Test
    void evictionByPhoneStaysSilent() {
        readCustomer("555-0100", 42)
                .evict("customersByPhone", "555-0100", WRITE)
                .advance(JUDGED);

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void evictingByIdAndByPhoneInOneCallStaysSilent() {
        readCustomer("555-0100", 42)
                .evict("customersByPhone", 42L, WRITE)
                .evict("customersByPhone", "555-0100", WRITE)
                .advance(JUDGED);

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void evictionOfAnEntityNoKeyHoldsStaysSilent() {
        readCustomer("555-0100", 42).evict("customersByPhone", 7L, WRITE).advance(JUDGED);

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void evictionByTheIdOfOneElementOfACachedListStaysSilent() {
        harness.read("customersByCity", "Paris", READ);
        harness.apply(
                new EntityHeld("customersByCity", "Paris", List.of(customer(1), customer(2)), "city", harness.now()));
        harness.evict("customersByCity", 2L, WRITE).advance(JUDGED);

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void writeThroughPutByIdOfACacheReadByPhoneIsAKeyMismatch() {
        readCustomer("555-0100", 42).put("customersByPhone", 42L, WRITE);
        harness.apply(new EntityHeld("customersByPhone", 42L, List.of(customer(42)), "id", harness.now()));
        harness.advance(JUDGED);

        assertThat(harness.of(FindingKind.KEY_MISMATCH)).singleElement().satisfies(o -> assertThat(o.message())
                .startsWith("reads key 'customersByPhone' by phone, puts by id"));
    }

    @Test
    void writeThroughPutUnderTheReadKeyStaysSilent() {
        readCustomer("555-0100", 42).put("customersByPhone", "555-0100", WRITE);
        harness.apply(new EntityHeld("customersByPhone", "555-0100", List.of(customer(42)), "phone", harness.now()));
        harness.advance(JUDGED);

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void evictionOfTheStoredFormOfAKeyReadAsTypedIsAKeyMismatchByLetterCase() {
        harness.cache("logins", KeyComparison.SERIALIZED);
        harness.read("logins", "ADMIN@host", READ).evict("logins", "admin@host", WRITE);
        harness.advance(JUDGED);

        assertThat(harness.of(FindingKind.KEY_MISMATCH)).singleElement().satisfies(o -> {
            assertThat(o.message()).contains("differ from the keys reads use by letter case");
            assertThat(o.evidence()).containsEntry("differences", "letter case");
            assertThat(o.readKey()).isEqualTo("ADMIN@host");
            assertThat(o.writeKey()).isEqualTo("admin@host");
        });
    }

    @Test
    void evictionOfAKeyReadInNormalFormWhenTheEvictionIsNotIsAKeyMismatchToo() {
        harness.read("logins", "alice", READ).evict("logins", "Alice", WRITE).advance(JUDGED);

        assertThat(harness.of(FindingKind.KEY_MISMATCH)).singleElement().satisfies(o -> assertThat(o.evidence())
                .containsEntry("differences", "letter case"));
    }

    @Test
    void readsAndEvictionsNormalisedAlikeStaySilent() {
        harness.read("logins", "admin@host", READ)
                .evict("logins", "admin@host", WRITE)
                .advance(JUDGED);

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void surroundingWhitespaceUnicodeFormsAndLeadingZerosAreNamed() {
        harness.read("logins", " bob", READ).evict("logins", "bob", WRITE);
        harness.read("logins", "jose\u0301", READ).evict("logins", "jos\u00e9", WRITE);
        harness.read("codes", "007", READ).evict("codes", "7", WRITE);
        harness.read("numbers", 7L, READ).evict("numbers", "007", WRITE);
        harness.advance(JUDGED);

        assertThat(harness.of(FindingKind.KEY_MISMATCH))
                .extracting(o -> o.cache() + ": " + o.evidence().get("differences"))
                .containsExactlyInAnyOrder(
                        "logins: surrounding whitespace",
                        "logins: Unicode normalisation",
                        "codes: leading zeros",
                        "numbers: number vs string, leading zeros");
    }

    @Test
    void keysThatDifferByALetterAreNotNear() {
        harness.read("carts", "cart:7", READ).evict("carts", "card:7", WRITE).advance(JUDGED);

        assertThat(harness.of(FindingKind.KEY_MISMATCH)).isEmpty();
    }

    @Test
    void bothFormsEvictedStaySilent() {
        harness.read("logins", "ADMIN@host", READ)
                .evict("logins", "admin@host", WRITE)
                .evict("logins", "ADMIN@host", WRITE)
                .advance(JUDGED);

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void anEvictionOfAKeyTheCacheOnceHeldIsNotATwinOfAnotherForm() {
        harness.read("logins", "ADMIN@host", READ).read("logins", "admin@host", READ);
        harness.evict("logins", "admin@host", WRITE).advance(JUDGED);

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void aClearedTwinIsNotLeftBehind() {
        harness.read("logins", "ADMIN@host", READ).evict("logins", "admin@host", WRITE);
        harness.clear("logins", WRITE).advance(JUDGED);

        assertThat(harness.of(FindingKind.KEY_MISMATCH)).isEmpty();
    }

    @Test
    void aNumberAndItsTextInACacheComparingSerialisedKeysAreOneEntry() {
        harness.read("customersByPhone", 42L, READ)
                .evict("customersByPhone", "42", WRITE)
                .advance(JUDGED);

        assertThat(harness.observations).isEmpty();
    }
}
