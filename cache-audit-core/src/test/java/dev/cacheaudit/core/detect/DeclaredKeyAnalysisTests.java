package dev.cacheaudit.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.event.CacheRegistered.KeyComparison;
import dev.cacheaudit.core.event.DeclaredOperations.Declared;
import dev.cacheaudit.core.event.DeclaredOperations.Kind;
import dev.cacheaudit.core.finding.FindingKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeclaredKeyAnalysisTests {

    private static final String READ = "com.acme.UserService#find(Long)";

    private static final String WRITE = "com.acme.UserService#rename(Long,String)";

    private final Harness harness = new Harness().cache("users", KeyComparison.EQUALS);

    @Test
    void evictKeyWithOtherLiteralPartsIsSuspectedAndThenConfirmedByTraffic() {
        harness.declared(
                read("#id"),
                new Declared("users", Kind.EVICT, "'user:' + #id", null, List.of("Long", "String"), WRITE));

        assertThat(harness.of(FindingKind.KEY_MISMATCH)).singleElement().satisfies(o -> {
            assertThat(o.confirmed()).isFalse();
            assertThat(o.message()).contains("'user:' + #id", "#id");
            assertThat(o.sites()).containsExactly(READ, WRITE);
        });

        harness.read("users", 42L, READ).evict("users", "user:42", WRITE);

        assertThat(harness.of(FindingKind.KEY_MISMATCH)).hasSize(2).satisfies(list -> {
            assertThat(list.get(1).confirmed()).isTrue();
            assertThat(list.get(1).signature()).isEqualTo(list.get(0).signature());
        });
    }

    @Test
    void defaultKeyOfAWholeEntityAgainstAReadByEmailIsSuspected() {
        harness.declared(
                new Declared("users", Kind.READ, "#email", null, List.of("String"), "com.acme.UserService#byEmail"),
                new Declared("users", Kind.EVICT, "", null, List.of("User"), "com.acme.UserService#save(User)"));

        assertThat(harness.of(FindingKind.KEY_MISMATCH)).singleElement().satisfies(o -> assertThat(o.message())
                .contains("the whole User argument"));
    }

    @Test
    void equivalentKeyExpressionsStaySilent() {
        harness.declared(
                read("#id"),
                new Declared("users", Kind.EVICT, "#user.id", null, List.of("User"), WRITE),
                new Declared("users", Kind.PUT, "#result.id", null, List.of("User"), "com.acme.UserService#create"),
                new Declared("users", Kind.EVICT, "", null, List.of("Long"), "com.acme.UserService#delete(Long)"),
                new Declared("users", Kind.CLEAR, "", null, List.of("String"), "com.acme.Admin#flush(String)"));

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void customKeyGeneratorsStaySilent() {
        harness.declared(
                new Declared("users", Kind.READ, "", "userKeys", List.of("Long"), READ),
                new Declared("users", Kind.EVICT, "", "userKeys", List.of("User"), WRITE));

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void sameLiteralPartsStaySilent() {
        harness.declared(
                new Declared("users", Kind.READ, "'user:' + #id", null, List.of("Long"), READ),
                new Declared("users", Kind.EVICT, "'user:' + #user.id", null, List.of("User"), WRITE));

        assertThat(harness.observations).isEmpty();
    }

    private static Declared read(String key) {
        return new Declared("users", Kind.READ, key, null, List.of("Long"), READ);
    }
}
