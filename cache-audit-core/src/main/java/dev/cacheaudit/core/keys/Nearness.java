package dev.cacheaudit.core.keys;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether two names or two key shapes are near: spelled differently by the kind of slip that makes an
 * eviction miss (a plural, a separator, letter case, a prefix added on one side), rather than naming different
 * things. Deliberately narrow: {@code cart:{n}} and {@code card:{n}} are different entities, not a typo to report.
 */
public final class Nearness {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(?:n|uuid|hex|email|id|w|tail)}");

    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9]+");

    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

    private Nearness() {}

    /** Whether two different cache names are near ({@code product} and {@code products}, {@code user-cache} and
     * {@code userCache}). */
    public static boolean nearNames(String a, String b) {
        if (a.equals(b)) {
            return false;
        }
        return sameWords(a, b);
    }

    /**
     * Whether two different key shapes name the same entry in different ways: the same variable parts in the same
     * order, and literal parts that are equal up to plurals, separators and case, or present on one side only (a
     * bare {@code {n}} against {@code user:{n}}).
     */
    public static boolean nearShapes(KeyShape a, KeyShape b) {
        if (a.shape().equals(b.shape()) || a.constant() || b.constant()) {
            return false;
        }
        if (!placeholders(a.shape()).equals(placeholders(b.shape()))) {
            return false;
        }
        String literalsA = a.literals();
        String literalsB = b.literals();
        if (words(literalsA).isEmpty() || words(literalsB).isEmpty()) {
            // A bare identifier against a prefixed one: the classic missing or extra prefix.
            return true;
        }
        return sameWords(literalsA, literalsB);
    }

    /** The shape with its placeholders filled with the given variables, or {@code null} when they do not fit. */
    public static @Nullable String fill(String shape, List<String> variables) {
        Matcher matcher = PLACEHOLDER.matcher(shape);
        StringBuilder out = new StringBuilder(shape.length() + 16);
        int last = 0;
        int index = 0;
        while (matcher.find()) {
            if (index >= variables.size()) {
                return null;
            }
            out.append(shape, last, matcher.start()).append(variables.get(index++));
            last = matcher.end();
        }
        if (index != variables.size()) {
            return null;
        }
        return out.append(shape, last, shape.length()).toString();
    }

    /** How many variable parts a shape has. */
    public static int placeholderCount(String shape) {
        return placeholders(shape).size();
    }

    static List<String> placeholders(String shape) {
        List<String> out = new ArrayList<>(2);
        Matcher matcher = PLACEHOLDER.matcher(shape);
        while (matcher.find()) {
            out.add(matcher.group());
        }
        return out;
    }

    private static boolean sameWords(String a, String b) {
        List<String> wordsA = words(a);
        List<String> wordsB = words(b);
        if (wordsA.isEmpty() || wordsA.size() != wordsB.size()) {
            return compact(a).equals(compact(b)) && !compact(a).isEmpty();
        }
        for (int i = 0; i < wordsA.size(); i++) {
            if (!sameWord(wordsA.get(i), wordsB.get(i))) {
                return compact(a).equals(compact(b));
            }
        }
        return true;
    }

    private static boolean sameWord(String a, String b) {
        return a.equals(b) || singular(a).equals(singular(b));
    }

    private static String singular(String word) {
        if (word.endsWith("ies") && word.length() > 4) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.endsWith("ses") || word.endsWith("xes") || word.endsWith("ches") || word.endsWith("shes")) {
            return word.substring(0, word.length() - 2);
        }
        if (word.endsWith("s") && !word.endsWith("ss") && word.length() > 2) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }

    /** Lower-case words, splitting camel case: {@code userCache} gives {@code user}, {@code cache}. */
    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher matcher = WORD.matcher(CAMEL_HUMP.matcher(text).replaceAll("$1 $2"));
        while (matcher.find()) {
            out.add(matcher.group().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static String compact(String text) {
        return String.join("", words(text));
    }
}
