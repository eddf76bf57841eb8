package dev.cacheaudit.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.event.CacheRegistered.KeyComparison;
import dev.cacheaudit.core.event.DeclaredOperations.Declared;
import dev.cacheaudit.core.event.DeclaredOperations.Kind;
import dev.cacheaudit.core.finding.FindingKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheNameMismatchDetectorTests {

    private static final String READ = "com.acme.ProductService#find(Long)";

    private static final String WRITE = "com.acme.ProductService#reprice(Long,BigDecimal)";

    private final Harness harness =
            new Harness().cache("products", KeyComparison.EQUALS).cache("product", KeyComparison.EQUALS);

    @Test
    void evictionOfANearCacheThatIsNeverReadIsReportedFromTraffic() {
        harness.read("products", 42L, READ).evict("product", 42L, WRITE);

        assertThat(harness.observations).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(FindingKind.CACHE_NAME_MISMATCH);
            assertThat(o.cache()).isEqualTo("product");
            assertThat(o.confirmed()).isTrue();
            assertThat(o.evidence()).containsEntry("readCache", "products");
            assertThat(o.sites()).containsExactly(READ, WRITE);
        });
    }

    @Test
    void declaredMismatchIsSuspectedAtStartupAndConfirmedByTrafficUnderOneSignature() {
        harness.declared(
                new Declared("products", Kind.READ, "#id", null, List.of("Long"), READ),
                new Declared("product", Kind.EVICT, "#id", null, List.of("Long", "BigDecimal"), WRITE));

        assertThat(harness.of(FindingKind.CACHE_NAME_MISMATCH)).singleElement().satisfies(o -> assertThat(o.confirmed())
                .isFalse());

        harness.read("products", 1L, READ).evict("product", 1L, WRITE);

        assertThat(harness.of(FindingKind.CACHE_NAME_MISMATCH)).hasSize(2).satisfies(list -> {
            assertThat(list.get(1).confirmed()).isTrue();
            assertThat(list.get(1).signature()).isEqualTo(list.get(0).signature());
        });
    }

    @Test
    void cacheThatIsDeclaredAsReadStaysSilent() {
        harness.declared(
                new Declared("products", Kind.READ, "#id", null, List.of("Long"), READ),
                new Declared("product", Kind.READ, "#id", null, List.of("Long"), "com.acme.Other#find(Long)"),
                new Declared("product", Kind.EVICT, "#id", null, List.of("Long"), WRITE));
        harness.read("products", 1L, READ).evict("product", 1L, WRITE);

        assertThat(harness.of(FindingKind.CACHE_NAME_MISMATCH)).isEmpty();
    }

    @Test
    void unrelatedCacheNamesStaySilent() {
        harness.cache("orders", KeyComparison.EQUALS);
        harness.read("products", 42L, READ).evict("orders", 42L, WRITE);

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void nearNameWithAnotherKeyFormAndNoDeclarationStaysSilent() {
        harness.read("products", 42L, READ).evict("product", "sku-ABC", WRITE);

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void evictingTheCacheThatIsReadStaysSilent() {
        harness.read("products", 42L, READ).evict("products", 42L, WRITE);

        assertThat(harness.observations).isEmpty();
    }
}
