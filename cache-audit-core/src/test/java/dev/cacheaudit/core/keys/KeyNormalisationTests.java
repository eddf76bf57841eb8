package dev.cacheaudit.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyNormalisationTests {

    @Test
    void normalFormFoldsCaseWhitespaceUnicodeAndLeadingZeros() {
        assertThat(KeyNormalisation.normalise(" ADMIN@Host ")).isEqualTo("admin@host");
        assertThat(KeyNormalisation.normalise("jose\u0301")).isEqualTo("jos\u00e9");
        assertThat(KeyNormalisation.normalise("000")).isEqualTo("0");
        assertThat(KeyNormalisation.normalise("0042")).isEqualTo("42");
        assertThat(KeyNormalisation.normalise("a0042")).isEqualTo("a0042");
    }

    @Test
    void differencesAreNamed() {
        assertThat(KeyNormalisation.differences(text("ADMIN@host"), text("admin@host")))
                .containsExactly("letter case");
        assertThat(KeyNormalisation.differences(text(" Bob "), text("bob")))
                .containsExactly("surrounding whitespace", "letter case");
        assertThat(KeyNormalisation.differences(number(42), text("0042")))
                .containsExactly("number vs string", "leading zeros");
    }

    @Test
    void sameKeysAndDifferentKeysHaveNoDifferences() {
        assertThat(KeyNormalisation.differences(text("alice"), text("alice"))).isEmpty();
        assertThat(KeyNormalisation.differences(text("cart:7"), text("card:7"))).isEmpty();
        assertThat(KeyNormalisation.differences(text("alice"), text("alicia"))).isEmpty();
    }

    private static KeyDescriptor text(String key) {
        return KeyDescriptor.of(key, KeyDecomposer.NONE);
    }

    private static KeyDescriptor number(long key) {
        return new KeyDescriptor("Long", Long.toString(key), KeyShape.of(Long.toString(key)), false, List.of());
    }
}
