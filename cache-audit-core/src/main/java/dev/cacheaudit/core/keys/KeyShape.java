package dev.cacheaudit.core.keys;

import java.util.ArrayList;
import java.util.List;

/**
 * A printed key split into its literal parts and its variable parts: {@code user:42} has the shape {@code user:{n}}
 * and the variable {@code 42}. Two keys of one shape were built by the same code; two keys with the same variables
 * and different shapes name the same entity in different ways.
 *
 * <p>Keys are split by one pass of a hand-written tokenizer over at most {@value #MAX_SHAPED_CHARS} characters, so
 * shaping costs time linear in that cap whatever the key (a regular expression with look-arounds and alternatives
 * took quadratic time on long keys, and every Redis command is shaped). The rest of a longer key is one variable,
 * {@code {tail}}. Numbers, UUIDs, hexadecimal strings, e-mail addresses (also without a dot in the domain) and runs
 * that mix letters and digits ({@code AB12CD}) are variables; words of letters stay in the shape, since most are
 * structure ({@code user}, {@code orders}). Which words are data (logins, slugs) is learned per cache by
 * {@link WordPositions}, which turns them into {@code {w}}.
 *
 * @param shape the key with every variable part replaced by a placeholder ({@code {n}}, {@code {uuid}},
 *     {@code {hex}}, {@code {email}}, {@code {id}}, {@code {w}}, {@code {tail}})
 * @param variables the variable parts, in order
 */
public record KeyShape(String shape, List<String> variables) {

    /** How many characters of a key are shaped; the rest is one variable. */
    public static final int MAX_SHAPED_CHARS = 1024;

    static final String NUMBER = "{n}";

    static final String UUID = "{uuid}";

    static final String HEX = "{hex}";

    static final String EMAIL = "{email}";

    static final String ID = "{id}";

    static final String WORD = "{w}";

    static final String TAIL = "{tail}";

    public KeyShape {
        variables = List.copyOf(variables);
    }

    /** Splits a printed key into its shape and variables. */
    public static KeyShape of(String printed) {
        return new Tokenizer(printed).run();
    }

    /** Whether the key has no variable part at all, such as a constant key or {@code SimpleKey []}. */
    public boolean constant() {
        return variables.isEmpty();
    }

    /** The literal parts alone: the shape without placeholders. */
    public String literals() {
        StringBuilder out = new StringBuilder(shape.length());
        int i = 0;
        while (i < shape.length()) {
            int end = placeholderEnd(shape, i);
            if (end > i) {
                i = end;
            } else {
                out.append(shape.charAt(i++));
            }
        }
        return out.toString();
    }

    /**
     * The end of the placeholder that starts at {@code at} in a shape, or {@code at} when none starts there.
     */
    static int placeholderEnd(String shape, int at) {
        if (shape.charAt(at) != '{') {
            return at;
        }
        for (String placeholder : PLACEHOLDERS) {
            if (shape.startsWith(placeholder, at)) {
                return at + placeholder.length();
            }
        }
        return at;
    }

    static final List<String> PLACEHOLDERS = List.of(NUMBER, UUID, HEX, EMAIL, ID, WORD, TAIL);

    /** A character that belongs to a word or number: a letter or digit of any script, or half of a surrogate pair. */
    static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || Character.isSurrogate(c);
    }

    /** One left-to-right pass; every character is looked at a bounded number of times. */
    private static final class Tokenizer {

        private final String key;

        private final int end;

        private final StringBuilder shape;

        private final List<String> variables = new ArrayList<>(2);

        Tokenizer(String key) {
            this.key = key;
            this.end = Math.min(key.length(), MAX_SHAPED_CHARS);
            this.shape = new StringBuilder(Math.min(end + 8, 64));
        }

        KeyShape run() {
            int i = 0;
            while (i < end) {
                char c = key.charAt(i);
                if (wordChar(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-') {
                    i = run(i);
                } else {
                    shape.append(c);
                    i++;
                }
            }
            if (key.length() > end) {
                shape.append(TAIL);
                variables.add(key.substring(end));
            }
            return new KeyShape(shape.toString(), variables);
        }

        /** A run of characters an e-mail's local part may hold: an e-mail address, or words and separators. */
        private int run(int start) {
            int i = start;
            while (i < end && localChar(key.charAt(i))) {
                i++;
            }
            if (i < end && key.charAt(i) == '@' && i > start) {
                int domainEnd = domainEnd(i + 1);
                if (domainEnd > i + 1) {
                    int localStart = start;
                    // Leading separators belong to the literal text, not to the address.
                    while (!wordChar(key.charAt(localStart))) {
                        localStart++;
                        if (localStart == i) {
                            break;
                        }
                    }
                    if (localStart < i) {
                        shape.append(key, start, localStart);
                        variable(EMAIL, localStart, domainEnd);
                        return domainEnd;
                    }
                }
            }
            words(start, i);
            return i;
        }

        private int domainEnd(int from) {
            int i = from;
            int lastWordChar = -1;
            while (i < end) {
                char c = key.charAt(i);
                if (wordChar(c)) {
                    lastWordChar = i;
                } else if (c != '.' && c != '-') {
                    break;
                }
                i++;
            }
            return lastWordChar < 0 ? from : lastWordChar + 1;
        }

        /** Words, numbers, ids and their separators between {@code from} and {@code to}. */
        private void words(int from, int to) {
            int i = from;
            while (i < to) {
                char c = key.charAt(i);
                if (!wordChar(c)) {
                    shape.append(c);
                    i++;
                    continue;
                }
                int wordEnd = i;
                boolean digits = false;
                boolean letters = false;
                boolean hex = true;
                while (wordEnd < to && wordChar(key.charAt(wordEnd))) {
                    char w = key.charAt(wordEnd);
                    if (w >= '0' && w <= '9') {
                        digits = true;
                    } else {
                        letters = true;
                        hex &= (w >= 'a' && w <= 'f') || (w >= 'A' && w <= 'F');
                    }
                    wordEnd++;
                }
                int uuidEnd = uuidEnd(i, wordEnd, to);
                if (uuidEnd > 0) {
                    variable(UUID, i, uuidEnd);
                    i = uuidEnd;
                } else if (digits && !letters) {
                    i = number(i, wordEnd, to);
                } else if (digits && hex && wordEnd - i >= 8) {
                    variable(HEX, i, wordEnd);
                    i = wordEnd;
                } else if (digits) {
                    variable(ID, i, wordEnd);
                    i = wordEnd;
                } else {
                    shape.append(key, i, wordEnd);
                    i = wordEnd;
                }
            }
        }

        /** A number, with a minus sign that follows no word and a decimal part. */
        private int number(int start, int digitsEnd, int to) {
            int from = start;
            if (from > 0 && key.charAt(from - 1) == '-' && (from < 2 || !wordChar(key.charAt(from - 2)))) {
                shape.setLength(shape.length() - 1);
                from--;
            }
            int stop = digitsEnd;
            if (stop + 1 < to && key.charAt(stop) == '.' && isDigit(key.charAt(stop + 1))) {
                int fraction = stop + 1;
                while (fraction < to && isDigit(key.charAt(fraction))) {
                    fraction++;
                }
                if (fraction == to || !wordChar(key.charAt(fraction))) {
                    stop = fraction;
                }
            }
            variable(NUMBER, from, stop);
            return stop;
        }

        /** The end of a UUID ({@code 8-4-4-4-12} hex digits) starting at {@code start}, or 0 when none does. */
        private int uuidEnd(int start, int firstEnd, int to) {
            if (firstEnd - start != 8) {
                return 0;
            }
            int i = start;
            int[] groups = {8, 4, 4, 4, 12};
            for (int g = 0; g < groups.length; g++) {
                for (int k = 0; k < groups[g]; k++, i++) {
                    if (i >= to || Character.digit(key.charAt(i), 16) < 0) {
                        return 0;
                    }
                }
                if (g < groups.length - 1) {
                    if (i >= to || key.charAt(i) != '-') {
                        return 0;
                    }
                    i++;
                }
            }
            return i < to && wordChar(key.charAt(i)) ? 0 : i;
        }

        private void variable(String placeholder, int from, int to) {
            shape.append(placeholder);
            variables.add(key.substring(from, to));
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean localChar(char c) {
            return wordChar(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
        }
    }
}
