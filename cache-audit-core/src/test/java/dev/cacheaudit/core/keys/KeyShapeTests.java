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
        // Seven characters: too short to be hex, so letters and digits mixed: one id.
        assertThat(KeyShape.of("tag:abcdef1")).isEqualTo(new KeyShape("tag:{id}", java.util.List.of("abcdef1")));
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

        assertThat(shape.shape()).isEqualTo("tenant:{n}:user:{email}:session:{uuid}:{id}.{n}");
        assertThat(shape.variables())
                .containsExactly("7", "bob@example.org", "123e4567-e89b-12d3-a456-426614174000", "v2", "5");
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

    @Test
    void anEmailWithoutADotInItsDomainIsAVariable() {
        assertThat(KeyShape.of("user@localhost"))
                .isEqualTo(new KeyShape("{email}", java.util.List.of("user@localhost")));
        assertThat(KeyShape.of("login:ADMIN@host"))
                .isEqualTo(new KeyShape("login:{email}", java.util.List.of("ADMIN@host")));
        // A trailing dot ends the sentence, not the domain.
        assertThat(KeyShape.of("to:a.b@mail.example."))
                .isEqualTo(new KeyShape("to:{email}.", java.util.List.of("a.b@mail.example")));
    }

    @Test
    void lettersAndDigitsMixedAreOneIdentifier() {
        assertThat(KeyShape.of("sku-AB12CD")).isEqualTo(new KeyShape("sku-{id}", java.util.List.of("AB12CD")));
        assertThat(KeyShape.of("order:A1:line:2"))
                .isEqualTo(new KeyShape("order:{id}:line:{n}", java.util.List.of("A1", "2")));
    }

    @Test
    void wordsOfAnyScriptStayWordsAndAreNotSplitBySeparatorsTheyContain() {
        KeyShape shape = KeyShape.of("name:Jürgen Müller");

        assertThat(shape.shape()).isEqualTo("name:Jürgen Müller");
        assertThat(WordPositions.Words.of(shape.shape()).words).containsExactly("name", "Jürgen", "Müller");
    }

    @Test
    void onlyTheFirstCharactersOfAVeryLongKeyAreShapedAndTheRestIsOneVariable() {
        String tail = "x".repeat(70_000);
        String key = "user:42:" + "a".repeat(KeyShape.MAX_SHAPED_CHARS - 8) + tail;

        KeyShape shape = KeyShape.of(key);

        assertThat(shape.shape()).endsWith("{tail}").hasSizeLessThan(KeyShape.MAX_SHAPED_CHARS + 10);
        assertThat(shape.variables()).containsExactly("42", tail);
        assertThat(Nearness.fill(shape.shape(), shape.variables())).isEqualTo(key);
    }

    @Test
    void aShapeFilledWithItsVariablesGivesTheKeyBack() {
        for (String key : java.util.List.of(
                "user:42", "a@b", "-1.5:x", "sku-AB12CD", "v2.5", "--42", "x@y.z.", "\ud83d\ude00:7")) {
            KeyShape shape = KeyShape.of(key);
            assertThat(Nearness.fill(shape.shape(), shape.variables())).as(key).isEqualTo(key);
        }
    }
}
