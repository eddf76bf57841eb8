package dev.cacheaudit.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyRedactorTests {

    private static final String ID = "123456789";

    private static KeyDescriptor key(String printed) {
        return KeyDescriptor.of(printed, KeyDecomposer.NONE);
    }

    @Test
    void plainShowsTheKeyAsItIs() {
        KeyRedactor redactor = new KeyRedactor(KeyRedactor.Mode.PLAIN, 1L);

        assertThat(redactor.mode()).isEqualTo(KeyRedactor.Mode.PLAIN);
        assertThat(redactor.redact(key("customer:" + ID))).isEqualTo("customer:" + ID);
        assertThat(redactor.redact(null)).isNull();
    }

    @Test
    void hashHidesTheWholeKey() {
        KeyRedactor redactor = new KeyRedactor(KeyRedactor.Mode.HASH, 1L);

        String redacted = redactor.redact(key("customer:" + ID));

        assertThat(redacted).matches("#[0-9a-f]{8}");
        // Nine digits cannot hide in eight hex digits, so this checks the id is really gone.
        assertThat(redacted).doesNotContain(ID).doesNotContain("customer");
        assertThat(redactor.redact(key("customer:" + ID))).isEqualTo(redacted);
        assertThat(redactor.redact(key("customer:987654321"))).isNotEqualTo(redacted);
    }

    @Test
    void shapeKeepsLiteralsAndHashesEachVariable() {
        KeyRedactor redactor = new KeyRedactor(KeyRedactor.Mode.SHAPE, 1L);

        String redacted = redactor.redact(key("user:" + ID));

        assertThat(redacted).matches("user:\\{n#[0-9a-f]{8}}").doesNotContain(ID);
        assertThat(redactor.redact(key("tenant:" + ID + ":owner:alice@example.com")))
                .matches("tenant:\\{n#[0-9a-f]{8}}:owner:\\{email#[0-9a-f]{8}}")
                .doesNotContain(ID)
                .doesNotContain("alice");
    }

    @Test
    void shapeRedactionIsStableForOneKeyAndDistinguishesIds() {
        KeyRedactor redactor = new KeyRedactor(KeyRedactor.Mode.SHAPE, 1L);

        String first = redactor.redact(key("user:" + ID));

        assertThat(redactor.redact(key("user:" + ID))).isEqualTo(first);
        assertThat(redactor.redact(key("user:987654321"))).isNotEqualTo(first).startsWith("user:{n#");
    }

    @Test
    void aConstantKeyIsShownAsItIsInShapeMode() {
        KeyRedactor redactor = new KeyRedactor(KeyRedactor.Mode.SHAPE, 1L);

        assertThat(redactor.redact(key("all-products"))).isEqualTo("all-products");
    }

    @Test
    void redactorsWithDifferentSaltsHashTheSameKeyDifferently() {
        KeyDescriptor key = key("user:" + ID);

        assertThat(new KeyRedactor(KeyRedactor.Mode.HASH, 1L).redact(key))
                .isNotEqualTo(new KeyRedactor(KeyRedactor.Mode.HASH, 2L).redact(key));
        assertThat(new KeyRedactor(KeyRedactor.Mode.SHAPE, 1L).redact(key))
                .isNotEqualTo(new KeyRedactor(KeyRedactor.Mode.SHAPE, 2L).redact(key));
    }
}
