package dev.cacheaudit.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearnessTests {

    @Test
    void pluralsSeparatorsAndCaseMakeNearNames() {
        assertThat(Nearness.nearNames("product", "products")).isTrue();
        assertThat(Nearness.nearNames("category", "categories")).isTrue();
        assertThat(Nearness.nearNames("user-cache", "userCache")).isTrue();
        assertThat(Nearness.nearNames("USERS", "users")).isTrue();
    }

    @Test
    void differentWordsAreNotNearNames() {
        assertThat(Nearness.nearNames("users", "orders")).isFalse();
        assertThat(Nearness.nearNames("cart", "card")).isFalse();
        assertThat(Nearness.nearNames("users", "usersByEmail")).isFalse();
        assertThat(Nearness.nearNames("users", "users")).isFalse();
    }

    @Test
    void bareAndPrefixedIdentifiersAreNearShapes() {
        assertThat(Nearness.nearShapes(KeyShape.of("42"), KeyShape.of("user:42")))
                .isTrue();
        assertThat(Nearness.nearShapes(KeyShape.of("order:42"), KeyShape.of("orders:42")))
                .isTrue();
        assertThat(Nearness.nearShapes(KeyShape.of("user:42"), KeyShape.of("user::42")))
                .isTrue();
    }

    @Test
    void otherEntitiesOrVariableKindsAreNotNearShapes() {
        assertThat(Nearness.nearShapes(KeyShape.of("session:42"), KeyShape.of("user:42")))
                .isFalse();
        assertThat(Nearness.nearShapes(KeyShape.of("cart:42"), KeyShape.of("card:42")))
                .isFalse();
        assertThat(Nearness.nearShapes(KeyShape.of("user:42"), KeyShape.of("user:a@b.io")))
                .isFalse();
        assertThat(Nearness.nearShapes(KeyShape.of("all"), KeyShape.of("user:all")))
                .isFalse();
    }

    @Test
    void fillPutsVariablesIntoAShape() {
        assertThat(Nearness.fill("user:{n}", List.of("42"))).isEqualTo("user:42");
        assertThat(Nearness.fill("user:{n}", List.of("42", "7"))).isNull();
    }
}
