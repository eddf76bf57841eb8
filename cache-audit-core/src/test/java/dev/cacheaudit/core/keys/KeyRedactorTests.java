package dev.cacheaudit.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class KeyRedactorTests {

    private static final String ID = "123456789";

    private static final byte[] KEY_ONE = "one".getBytes(StandardCharsets.UTF_8);

    private static final byte[] KEY_TWO = "two".getBytes(StandardCharsets.UTF_8);

    private static KeyDescriptor key(String printed) {
        return KeyDescriptor.of(printed, KeyDecomposer.NONE);
    }

    @Test
    void plainShowsTheKeyAsItIs() {
        KeyRedactor redactor = new KeyRedactor(KeyRedactor.Mode.PLAIN, KEY_ONE);

        assertThat(redactor.mode()).isEqualTo(KeyRedactor.Mode.PLAIN);
        assertThat(redactor.redact(key("customer:" + ID))).isEqualTo("customer:" + ID);
        assertThat(redactor.redact(key("alice"))).isEqualTo("alice");
        assertThat(redactor.redact(null)).isNull();
    }

    @Test
    void hashHidesTheWholeKeyBehindAnHmacSha256() throws Exception {
        KeyRedactor redactor = new KeyRedactor(KeyRedactor.Mode.HASH, KEY_ONE);

        String redacted = redactor.redact(key("customer:" + ID));

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY_ONE, "HmacSHA256"));
        String expected =
                HexFormat.of().formatHex(mac.doFinal(("customer:" + ID).getBytes(StandardCharsets.UTF_8)), 0, 8);
        assertThat(redacted).isEqualTo("#" + expected).doesNotContain(ID).doesNotContain("customer");
        assertThat(redactor.redact(key("customer:987654321"))).isNotEqualTo(redacted);
    }

    @Test
    void shapeHashesEachVariableAndShowsOnlyWordsKnownToBeStructure() {
        KeyRedactor redactor = new KeyRedactor(KeyRedactor.Mode.SHAPE, KEY_ONE);

        assertThat(redactor.redact(key("user:" + ID))).matches("\\{w#[0-9a-f]{8}}:\\{n#[0-9a-f]{8}}");

        redactor.vocabulary().learn("user");
        redactor.vocabulary().learn("owner");
        redactor.vocabulary().learn("tenant");
        assertThat(redactor.redact(key("user:" + ID)))
                .matches("user:\\{n#[0-9a-f]{8}}")
                .doesNotContain(ID);
        assertThat(redactor.redact(key("tenant:" + ID + ":owner:alice@localhost")))
                .matches("tenant:\\{n#[0-9a-f]{8}}:owner:\\{email#[0-9a-f]{8}}")
                .doesNotContain(ID)
                .doesNotContain("alice");
    }

    @Test
    void aKeyOfWordsOnlyIsRedactedUntilItsWordsAreKnownToBeStructure() {
        KeyRedactor redactor = new KeyRedactor(KeyRedactor.Mode.SHAPE, KEY_ONE);

        assertThat(redactor.redact(key("alice"))).matches("\\{w#[0-9a-f]{8}}");
        assertThat(redactor.redact(key("login:alice"))).doesNotContain("alice").doesNotContain("login");
        assertThat(redactor.redact(key("all-products"))).matches("\\{w#[0-9a-f]{8}}-\\{w#[0-9a-f]{8}}");

        redactor.vocabulary().learnFromCode("'all-products'", true);
        assertThat(redactor.redact(key("all-products"))).isEqualTo("all-products");
    }

    @Test
    void shapesInMessagesKeepPlaceholdersAndHideUnknownWords() {
        KeyRedactor redactor = new KeyRedactor(KeyRedactor.Mode.SHAPE, KEY_ONE);
        redactor.vocabulary().learn("login");

        assertThat(redactor.shape("login:{w}")).isEqualTo("login:{w}");
        assertThat(redactor.shape("login:alice:{n}")).isEqualTo("login:{w}:{n}");
        assertThat(new KeyRedactor(KeyRedactor.Mode.PLAIN, KEY_ONE).shape("login:alice:{n}"))
                .isEqualTo("login:alice:{n}");
        assertThat(redactor.token("near:login:alice")).startsWith("#").doesNotContain("alice");
    }

    @Test
    void shapeRedactionIsStableForOneKeyAndDistinguishesIds() {
        KeyRedactor redactor = new KeyRedactor(KeyRedactor.Mode.SHAPE, KEY_ONE);
        redactor.vocabulary().learn("user");

        String first = redactor.redact(key("user:" + ID));

        assertThat(redactor.redact(key("user:" + ID))).isEqualTo(first);
        assertThat(redactor.redact(key("user:987654321"))).isNotEqualTo(first).startsWith("user:{n#");
    }

    @Test
    void redactorsWithDifferentKeysHashTheSameKeyDifferentlyAndWithTheSameKeyAlike() {
        KeyDescriptor key = key("user:" + ID);

        assertThat(new KeyRedactor(KeyRedactor.Mode.HASH, KEY_ONE).redact(key))
                .isNotEqualTo(new KeyRedactor(KeyRedactor.Mode.HASH, KEY_TWO).redact(key))
                .isEqualTo(new KeyRedactor(KeyRedactor.Mode.HASH, KEY_ONE.clone()).redact(key));
        assertThat(new KeyRedactor(KeyRedactor.Mode.SHAPE, KEY_ONE).redact(key))
                .isNotEqualTo(new KeyRedactor(KeyRedactor.Mode.SHAPE, KEY_TWO).redact(key));
        assertThat(new KeyRedactor(KeyRedactor.Mode.HASH).redact(key))
                .as("a random key per process")
                .isNotEqualTo(new KeyRedactor(KeyRedactor.Mode.HASH).redact(key));
    }

    @Test
    void anEmptyHashKeyIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new KeyRedactor(KeyRedactor.Mode.HASH, new byte[0]));
    }

    @Test
    void aHugeKeyIsShownByItsFirstPartsOnly() {
        KeyRedactor redactor = new KeyRedactor(KeyRedactor.Mode.SHAPE, KEY_ONE);
        String huge = "k:" + "ab-".repeat(20_000);

        String shown = redactor.redact(key(huge));

        assertThat(shown).endsWith("{more}").doesNotContain("ab");
        assertThat(shown.split("\\{w#", -1)).hasSize(KeyRedactor.MAX_SHOWN_PARTS + 1);
        assertThat(redactor.shape(KeyShape.of(huge).shape())).endsWith("{more}").hasSizeLessThan(200);
    }
}
