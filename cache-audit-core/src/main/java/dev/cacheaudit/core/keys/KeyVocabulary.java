package dev.cacheaudit.core.keys;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The words of keys known to be structure rather than data, so that they may be shown: the words of cache names and
 * of the literals in declared key expressions (they are in the application's code), and the words before the first
 * variable of a key form that stayed the same across many different keys of one cache ({@code order} in {@code order:42},
 * {@code order:43}, ...). Every other word of a key is shown redacted: a login or a slug is data, and a word seen in
 * one key only cannot be told apart from one. Bounded; thread-safe, since keys are redacted on several threads.
 */
public final class KeyVocabulary {

    /** The most words kept; later ones are simply not learned and so stay redacted. */
    static final int MAX_WORDS = 4096;

    private final Set<String> structure = ConcurrentHashMap.newKeySet();

    /** Whether a word of a key is known to be structure. */
    public boolean structure(String word) {
        return structure.contains(word.toLowerCase(Locale.ROOT));
    }

    /** Learns a word as structure. */
    public void learn(String word) {
        if (structure.size() < MAX_WORDS && !word.isEmpty()) {
            structure.add(word.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Learns every word of a text written in the application's code: a cache name, or the quoted literals of a SpEL
     * key expression ({@code 'user:' + #id} gives {@code user}).
     */
    public void learnFromCode(String text, boolean quotedOnly) {
        boolean quoted = !quotedOnly;
        int wordStart = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            boolean letter = Character.isLetter(c);
            if (letter && wordStart < 0) {
                wordStart = i;
            } else if (!letter && wordStart >= 0) {
                if (quoted) {
                    learn(text.substring(wordStart, i));
                }
                wordStart = -1;
            }
            if (quotedOnly && c == '\'') {
                quoted = !quoted;
            }
        }
    }
}
