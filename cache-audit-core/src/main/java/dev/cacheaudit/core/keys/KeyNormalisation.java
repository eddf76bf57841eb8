package dev.cacheaudit.core.keys;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The slips by which one value becomes two keys: letter case, surrounding whitespace, Unicode normalisation (NFC
 * against NFD), leading zeros, and a number against its text. A login form that caches {@code ADMIN@host} as typed
 * and an update that evicts the stored {@code admin@host} name one entry with two keys; these have one normal form.
 * Unlike {@link Nearness}, this compares whole printed keys, so it holds for keys of any shape, words included, and
 * never joins {@code cart:7} with {@code card:7}.
 */
public final class KeyNormalisation {

    private static final Set<String> NUMBER_TYPES =
            Set.of("Long", "Integer", "Short", "Byte", "BigInteger", "BigDecimal", "Double", "Float");

    private KeyNormalisation() {}

    /** The normal form of a printed key: NFC, stripped, lower case, digits without leading zeros. */
    public static String normalise(String printed) {
        String text = nfc(printed).strip().toLowerCase(Locale.ROOT);
        if (allDigits(text)) {
            int start = 0;
            while (start < text.length() - 1 && text.charAt(start) == '0') {
                start++;
            }
            text = text.substring(start);
        }
        return text;
    }

    /**
     * How two keys with one normal form differ, in words ({@code letter case}, {@code surrounding whitespace},
     * {@code Unicode normalisation}, {@code leading zeros}, {@code number vs string}); empty when they are the same key
     * or have different normal forms.
     */
    public static List<String> differences(KeyDescriptor a, KeyDescriptor b) {
        List<String> out = new ArrayList<>(2);
        if (!a.simpleValue() || !b.simpleValue() || !normalise(a.printed()).equals(normalise(b.printed()))) {
            return out;
        }
        if (NUMBER_TYPES.contains(a.type()) != NUMBER_TYPES.contains(b.type())) {
            out.add("number vs string");
        }
        String x = a.printed();
        String y = b.printed();
        if (!x.equals(y) && (!x.strip().equals(x) || !y.strip().equals(y))) {
            out.add("surrounding whitespace");
        }
        x = x.strip();
        y = y.strip();
        if (!x.equals(y) && (!nfc(x).equals(x) || !nfc(y).equals(y))) {
            out.add("Unicode normalisation");
        }
        x = nfc(x);
        y = nfc(y);
        String lowerX = x.toLowerCase(Locale.ROOT);
        String lowerY = y.toLowerCase(Locale.ROOT);
        if (!x.equals(y) && (!lowerX.equals(x) || !lowerY.equals(y))) {
            out.add("letter case");
        }
        if (!lowerX.equals(lowerY)) {
            out.add("leading zeros");
        }
        return out;
    }

    private static String nfc(String text) {
        return Normalizer.isNormalized(text, Normalizer.Form.NFC)
                ? text
                : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    private static boolean allDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
