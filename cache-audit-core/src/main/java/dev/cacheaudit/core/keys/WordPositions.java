package dev.cacheaudit.core.keys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Learns, for the keys of one cache, which words are data: a word position of a key form (the key with its words
 * blanked) that takes {@value #VARIABLE_AT} or more different words is a variable, shown as {@code {w}}; so
 * {@code login:alice}, {@code login:bob}, ... have the shape {@code login:{w}}. A position before the key's first variable that kept one
 * word across {@value #STRUCTURE_AFTER} different keys of words only, or across {@value #PREFIX_STRUCTURE_AFTER}
 * hand-written Redis keys with variables, is structure ({@code login},
 * {@code sample:order:}) and is told to the {@link KeyVocabulary}. Words never seen to vary stay literal in shapes, so {@code cart:{n}} and {@code card:{n}} stay
 * two forms. Memory is bounded: {@value #MAX_FORMS} key forms per cache of at most {@value #MAX_FORM_CHARS}
 * characters, {@value #MAX_POSITIONS} word positions per form, a few hashes per position. Owned by the engine thread.
 */
public final class WordPositions {

    /** Different words at one position that make it a variable. */
    static final int VARIABLE_AT = 4;

    /** Different keys of one form of words only after which a position that never changed is structure. */
    static final int STRUCTURE_AFTER = 8;

    /** The same for a form with variables (numbers, ids, e-mails): its words before the first variable. */
    static final int PREFIX_STRUCTURE_AFTER = 2;

    static final int MAX_FORMS = 64;

    static final int MAX_POSITIONS = 16;

    /**
     * Longer shapes are not learned from, which bounds the memory per cache to {@value #MAX_FORMS} forms of this many
     * characters (keys that long are rarely keyed by words).
     */
    static final int MAX_FORM_CHARS = 256;

    private final KeyVocabulary vocabulary;

    private final Map<String, Form> forms = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Form> eldest) {
            return size() > MAX_FORMS;
        }
    };

    private final boolean learnPrefixes;

    /** Whether prefixes are learned in front of a Spring cache's {@code ::} as well. */
    private final boolean underCacheNamespaces;

    /**
     * For hand-written Redis keys: the different keys seen behind each literal prefix ({@code sample:order:} of
     * {@code sample:order:41}). Counted per prefix rather than per form, since one form holds near prefixes too: the
     * {@code DEL sample:orders:41} of a plural-key bug has the form of {@code sample:order:41}, and counted with it
     * would make the namespace look like a varying word and never be learned.
     */
    private final Map<String, Hashes> prefixes = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Hashes> eldest) {
            return size() > MAX_FORMS;
        }
    };

    /** Learns words for the keys of one cache. */
    public WordPositions(KeyVocabulary vocabulary) {
        this(vocabulary, false);
    }

    /**
     * Learns words, and with {@code learnPrefixes} the prefixes of hand-written Redis keys as structure: the keys seen
     * on the wire, whose structure no annotation declares.
     */
    public WordPositions(KeyVocabulary vocabulary, boolean learnPrefixes) {
        this(vocabulary, learnPrefixes, false);
    }

    private WordPositions(KeyVocabulary vocabulary, boolean learnPrefixes, boolean underCacheNamespaces) {
        this.vocabulary = vocabulary;
        this.learnPrefixes = learnPrefixes;
        this.underCacheNamespaces = underCacheNamespaces;
    }

    /**
     * Learns the prefixes of keys another client writes, in a Spring cache's namespace too ({@code offers::supplier:}
     * before 11, 12): keys the application did not make, whose words no annotation declares either.
     */
    public static WordPositions ofForeignKeys(KeyVocabulary vocabulary) {
        return new WordPositions(vocabulary, true, true);
    }

    /** Takes a key's shape into account. */
    public void learn(KeyShape shape) {
        if (shape.shape().length() > MAX_FORM_CHARS) {
            return;
        }
        Words words = Words.of(shape.shape());
        if (words.words.isEmpty()) {
            return;
        }
        Form form = forms.computeIfAbsent(words.skeleton, skeleton -> new Form(words.words.size()));
        int keyHash = 31 * shape.variables().hashCode() + words.words.hashCode();
        boolean newKey = Hashes.add(form.keys, keyHash);
        for (int p = 0; p < form.positions.length; p++) {
            Hashes.add(form.positions[p], words.words.get(p).hashCode());
        }
        int after;
        if (shape.constant()) {
            // Words alone ('login:alice', 'login:bob'): only after many keys, the first word may be a person's.
            after = STRUCTURE_AFTER;
        } else if (learnPrefixes && (underCacheNamespaces || !shape.shape().contains("::"))) {
            // A hand-written Redis key's prefix in front of numbers or ids ('sample:order:' before 41, 42): learned
            // once that very prefix was seen in front of different values.
            learnPrefix(shape, words, keyHash);
            return;
        } else {
            // Spring caches' keys take their structure from the code (cache names, key expressions): a word in front
            // of a number there may be a login ('SimpleKey [alice, 0]', 'SimpleKey [alice, 1]').
            return;
        }
        if (newKey && form.keys.size == after) {
            // Only the literal prefix (the words before the first variable, and before the first word that varied) is
            // learned: namespaces such as 'sample:order:' are structure; a word after a variable is more likely data.
            for (int p = 0; p < words.prefixWords && form.positions[p].size == 1; p++) {
                vocabulary.learn(words.words.get(p));
            }
        }
    }

    private void learnPrefix(KeyShape shape, Words words, int keyHash) {
        String prefix = shape.shape().substring(0, words.prefixEnd);
        Hashes keys = prefixes.computeIfAbsent(prefix, p -> new Hashes(PREFIX_STRUCTURE_AFTER));
        if (Hashes.add(keys, keyHash) && keys.size == PREFIX_STRUCTURE_AFTER) {
            for (int p = 0; p < words.prefixWords; p++) {
                vocabulary.learn(words.words.get(p));
            }
        }
    }

    /** The shape with the words at variable positions turned into {@code {w}} variables. */
    public KeyShape refine(KeyShape shape) {
        if (forms.isEmpty() || shape.shape().length() > MAX_FORM_CHARS) {
            return shape;
        }
        Words words = Words.of(shape.shape());
        Form form = words.words.isEmpty() ? null : forms.get(words.skeleton);
        if (form == null) {
            return shape;
        }
        boolean[] variable = new boolean[words.words.size()];
        boolean any = false;
        for (int p = 0; p < form.positions.length; p++) {
            variable[p] = form.positions[p].size >= VARIABLE_AT;
            any |= variable[p];
        }
        return any ? withWordVariables(shape, variable) : shape;
    }

    /**
     * The shape read with one of its literal words as a variable, for each of its first words: what the key's form
     * would be if that word were data. Used to match a key whose form was seen too rarely to learn from.
     */
    public static List<KeyShape> wordVariants(KeyShape shape) {
        Words words = Words.of(shape.shape());
        List<KeyShape> variants = new ArrayList<>(words.words.size());
        for (int p = 0; p < words.words.size() && p < 8; p++) {
            boolean[] variable = new boolean[words.words.size()];
            variable[p] = true;
            variants.add(withWordVariables(shape, variable));
        }
        return variants;
    }

    private static KeyShape withWordVariables(KeyShape shape, boolean[] variable) {
        String text = shape.shape();
        StringBuilder out = new StringBuilder(text.length());
        List<String> variables = new ArrayList<>(shape.variables().size() + 1);
        int nextVariable = 0;
        int word = 0;
        int i = 0;
        while (i < text.length()) {
            int placeholderEnd = KeyShape.placeholderEnd(text, i);
            if (placeholderEnd > i) {
                out.append(text, i, placeholderEnd);
                if (nextVariable < shape.variables().size()) {
                    variables.add(shape.variables().get(nextVariable++));
                }
                i = placeholderEnd;
            } else if (KeyShape.wordChar(text.charAt(i))) {
                int end = i;
                while (end < text.length() && KeyShape.wordChar(text.charAt(end))) {
                    end++;
                }
                if (word < variable.length && variable[word]) {
                    out.append(KeyShape.WORD);
                    variables.add(text.substring(i, end));
                } else {
                    out.append(text, i, end);
                }
                word++;
                i = end;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return new KeyShape(out.toString(), variables);
    }

    /** The literal words of a shape and the shape with each of them blanked. */
    static final class Words {

        final String skeleton;

        final List<String> words;

        /** How many words come before the first variable. */
        final int prefixWords;

        /** Where the first variable starts in the shape (its length when there is none). */
        final int prefixEnd;

        private Words(String skeleton, List<String> words, int prefixWords, int prefixEnd) {
            this.skeleton = skeleton;
            this.words = words;
            this.prefixWords = prefixWords;
            this.prefixEnd = prefixEnd;
        }

        static Words of(String shape) {
            StringBuilder skeleton = new StringBuilder(shape.length());
            List<String> words = new ArrayList<>(2);
            int prefixWords = -1;
            int prefixEnd = shape.length();
            int i = 0;
            while (i < shape.length()) {
                int placeholderEnd = KeyShape.placeholderEnd(shape, i);
                if (placeholderEnd > i) {
                    if (prefixWords < 0) {
                        prefixWords = words.size();
                        prefixEnd = i;
                    }
                    skeleton.append(shape, i, placeholderEnd);
                    i = placeholderEnd;
                } else if (KeyShape.wordChar(shape.charAt(i))) {
                    int end = i;
                    while (end < shape.length() && KeyShape.wordChar(shape.charAt(end))) {
                        end++;
                    }
                    if (words.size() < MAX_POSITIONS) {
                        words.add(shape.substring(i, end));
                        skeleton.append('\u0000');
                    } else {
                        skeleton.append(shape, i, end);
                    }
                    i = end;
                } else {
                    skeleton.append(shape.charAt(i++));
                }
            }
            // Without a placeholder every word is before the first variable; words that vary stop the learning.
            return new Words(skeleton.toString(), words, prefixWords < 0 ? words.size() : prefixWords, prefixEnd);
        }
    }

    private static final class Form {

        final Hashes keys = new Hashes(STRUCTURE_AFTER);

        final Hashes[] positions;

        Form(int words) {
            positions = new Hashes[words];
            for (int p = 0; p < words; p++) {
                positions[p] = new Hashes(VARIABLE_AT);
            }
        }
    }

    /** Up to a few distinct hashes: enough to tell one value from several. */
    private static final class Hashes {

        final int[] values;

        int size;

        Hashes(int capacity) {
            values = new int[capacity];
        }

        /** Adds a hash; returns whether it was new and there was room for it. */
        static boolean add(Hashes hashes, int hash) {
            if (hashes.size == hashes.values.length) {
                return false;
            }
            for (int i = 0; i < hashes.size; i++) {
                if (hashes.values[i] == hash) {
                    return false;
                }
            }
            hashes.values[hashes.size++] = hash;
            return true;
        }

        @Override
        public String toString() {
            return Arrays.toString(Arrays.copyOf(values, size));
        }
    }
}
