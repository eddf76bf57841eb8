package dev.cacheaudit.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.event.CacheRegistered.KeyComparison;
import dev.cacheaudit.core.event.DeclaredOperations.Declared;
import dev.cacheaudit.core.event.DeclaredOperations.Kind;
import dev.cacheaudit.core.event.EntityHeld;
import dev.cacheaudit.core.finding.FindingKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Start-up suspicions about key expressions that name other attributes, and their confirmation by traffic. */
class DeclaredKeyAttributeTests {

    private static final String READ = "com.acme.CustomerService#findByPhone(String)";

    private static final String WRITE = "com.acme.CustomerService#update(Customer)";

    private final Harness harness = new Harness().cache("customersByPhone", KeyComparison.SERIALIZED);

    @Test
    void evictionByIdOfACacheReadByPhoneIsSuspectedThenConfirmedByTraffic() {
        harness.declared(
                new Declared("customersByPhone", Kind.READ, "#phone", null, List.of("String"), READ),
                new Declared("customersByPhone", Kind.EVICT, "#c.id", null, List.of("Customer"), WRITE));

        assertThat(harness.of(FindingKind.KEY_MISMATCH)).singleElement().satisfies(o -> {
            assertThat(o.confirmed()).isFalse();
            assertThat(o.message()).contains("by id while @Cacheable reads key it by phone");
            assertThat(o.evidence()).containsEntry("readAttribute", "phone").containsEntry("writeAttribute", "id");
        });

        harness.read("customersByPhone", "555-0100", READ);
        harness.apply(new EntityHeld(
                "customersByPhone",
                "555-0100",
                List.of(new EntityHeld.Entity("Customer", "42", "id")),
                "phone",
                harness.now()));
        harness.evict("customersByPhone", 42L, WRITE).advance(Duration.ofMillis(300));

        assertThat(harness.of(FindingKind.KEY_MISMATCH)).hasSize(2).satisfies(list -> {
            assertThat(list.get(1).confirmed()).isTrue();
            assertThat(list.get(1).signature()).isEqualTo(list.get(0).signature());
        });
    }

    @Test
    void sameAttributeNormalisedOnOneSideOnlyIsSuspected() {
        harness.declared(
                new Declared("members", Kind.READ, "#login.toLowerCase()", null, List.of("String"), READ),
                new Declared("members", Kind.EVICT, "#user.login", null, List.of("User"), WRITE));

        assertThat(harness.of(FindingKind.KEY_MISMATCH)).singleElement().satisfies(o -> assertThat(o.message())
                .contains("the same attribute normalised differently"));
    }

    @Test
    void sameAttributeSpelledAnotherWayStaysSilent() {
        harness.declared(
                new Declared("users", Kind.READ, "#id", null, List.of("Long"), READ),
                new Declared("users", Kind.EVICT, "#user.id", null, List.of("User"), WRITE),
                new Declared("users", Kind.EVICT, "#user.getId()", null, List.of("User"), WRITE + "2"),
                new Declared("prices", Kind.READ, "#productId", null, List.of("Long"), READ),
                new Declared("prices", Kind.EVICT, "#product.id", null, List.of("Product"), WRITE),
                new Declared("members", Kind.READ, "#login.toLowerCase()", null, List.of("String"), READ),
                new Declared("members", Kind.EVICT, "#user.login.toLowerCase()", null, List.of("User"), WRITE),
                new Declared("emails", Kind.READ, "#email", null, List.of("String"), READ),
                new Declared("emails", Kind.PUT, "#result.email", null, List.of("Long"), WRITE));

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void expressionsWhoseAttributeCannotBeToldStaySilent() {
        harness.declared(
                new Declared("users", Kind.READ, "#p0", null, List.of("Long"), READ),
                new Declared("users", Kind.EVICT, "#user.email", null, List.of("User"), WRITE),
                new Declared("orders", Kind.READ, "#id", null, List.of("Long"), READ),
                new Declared("orders", Kind.EVICT, "T(Long).valueOf(#code)", null, List.of("String"), WRITE));

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void keyExpressionsNameTheirAttribute() {
        assertThat(KeyExpressions.attribute("#phone")).isEqualTo(attribute("phone"));
        assertThat(KeyExpressions.attribute("#c.id")).isEqualTo(attribute("id"));
        assertThat(KeyExpressions.attribute("#c?.getEmail()")).isEqualTo(attribute("email"));
        assertThat(KeyExpressions.attribute("#login.toLowerCase()")).isEqualTo(attribute("login", "case"));
        assertThat(KeyExpressions.attribute("#root.args[0]")).isNull();
        assertThat(KeyExpressions.attribute("#result")).isNull();
        assertThat(KeyExpressions.attribute("'user:' + #id")).isNull();
    }

    private static KeyExpressions.Attribute attribute(String name, String... normalisations) {
        return new KeyExpressions.Attribute(name, new java.util.TreeSet<>(List.of(normalisations)));
    }
}
