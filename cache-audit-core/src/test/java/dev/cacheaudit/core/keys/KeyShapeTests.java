package dev.cacheaudit.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyShapeTests {

    @Test
    void numbersUuidsHexAndEmailsAreVariableParts() {
        assertThat(KeyShape.of("user:42")).isEqualTo(new KeyShape("user:{n}", java.util.List.of("42")));
        assertThat(KeyShape.of("session:123e4567-e89b-12d3-a456-426614174000"))
                .isEqualTo(new KeyShape("session:{uuid}", java.util.List.of("123e4567-e89b-12d3-a456-426614174000")));
        assertThat(KeyShape.of("blob:deadbeef42"))
                .isEqualTo(new KeyShape("blob:{hex}", java.util.List.of("deadbeef42")));
        assertThat(KeyShape.of("owner:alice.smith+tag@mail.example.com"))
                .isEqualTo(new KeyShape("owner:{email}", java.util.List.of("alice.smith+tag@mail.example.com")));
    }

    @Test
    void negativeAndDecimalNumbersAreOneVariable() {
        assertThat(KeyShape.of("-7")).isEqualTo(new KeyShape("{n}", java.util.List.of("-7")));
        assertThat(KeyShape.of("price:3.14")).isEqualTo(new KeyShape("price:{n}", java.util.List.of("3.14")));
        assertThat(KeyShape.of("delta:-0.5")).isEqualTo(new KeyShape("delta:{n}", java.util.List.of("-0.5")));
    }

    @Test
    void hexNeedsEightCharactersWithBothDigitsAndLetters() {
        // Seven characters: too short to be hex, only the digits are a number.
        assertThat(KeyShape.of("tag:abcdef1")).isEqualTo(new KeyShape("tag:abcdef{n}", java.util.List.of("1")));
        // Digits only: a number, not hex.
        assertThat(KeyShape.of("id:12345678")).isEqualTo(new KeyShape("id:{n}", java.util.List.of("12345678")));
        // Letters only: a literal word.
        assertThat(KeyShape.of("name:deadbeefcafe").constant()).isTrue();
        // Eight characters with both: hex, in either case.
        assertThat(KeyShape.of("etag:0A1B2C3D")).isEqualTo(new KeyShape("etag:{hex}", java.util.List.of("0A1B2C3D")));
    }

    @Test
    void variablesAreListedInTheOrderTheyAppear() {
        KeyShape shape = KeyShape.of("tenant:7:user:bob@example.org:session:123e4567-e89b-12d3-a456-426614174000:v2.5");

        assertThat(shape.shape()).isEqualTo("tenant:{n}:user:{email}:session:{uuid}:v{n}");
        assertThat(shape.variables())
                .containsExactly("7", "bob@example.org", "123e4567-e89b-12d3-a456-426614174000", "2.5");
        assertThat(shape.constant()).isFalse();
    }

    @Test
    void keysWithoutVariablePartsAreConstant() {
        assertThat(KeyShape.of("all-products")).isEqualTo(new KeyShape("all-products", java.util.List.of()));
        assertThat(KeyShape.of("all-products").constant()).isTrue();
        assertThat(KeyShape.of("SimpleKey []").constant()).isTrue();
        assertThat(KeyShape.of("").constant()).isTrue();
    }

    @Test
    void literalsAreTheShapeWithoutPlaceholders() {
        assertThat(KeyShape.of("user:42:orders").literals()).isEqualTo("user::orders");
        assertThat(KeyShape.of("a:deadbeef42:b@example.com:123e4567-e89b-12d3-a456-426614174000")
                        .literals())
                .isEqualTo("a:::");
        assertThat(KeyShape.of("constant").literals()).isEqualTo("constant");
    }

    @Test
    void aPrefixedKeySharesTheVariablesOfTheBareKeyButNotItsShape() {
        KeyShape prefixed = KeyShape.of("user:42");
        KeyShape bare = KeyShape.of("42");

        assertThat(prefixed.variables()).isEqualTo(bare.variables()).containsExactly("42");
        assertThat(prefixed.shape()).isNotEqualTo(bare.shape());
        assertThat(bare.shape()).isEqualTo("{n}");
    }

    @Test
    void keysOfOneShapeDifferOnlyInTheirVariables() {
        assertThat(KeyShape.of("user:1").shape())
                .isEqualTo(KeyShape.of("user:987654321").shape());
        assertThat(KeyShape.of("user:1").variables())
                .isNotEqualTo(KeyShape.of("user:987654321").variables());
    }

    @Test
    void aDashSeparatorIsNotPartOfTheNumberThatFollowsIt() {
        KeyShape dashed = KeyShape.of("user-42");

        assertThat(dashed.shape()).isEqualTo("user-{n}");
        assertThat(dashed.variables()).isEqualTo(KeyShape.of("user:42").variables());
    }
}
