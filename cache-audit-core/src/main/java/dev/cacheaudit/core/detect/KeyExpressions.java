package dev.cacheaudit.core.detect;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads which attribute a plain SpEL key expression names: {@code #phone} names {@code phone}, {@code #c.id} and
 * {@code #c.getId()} name {@code id}, {@code #login.toLowerCase()} names {@code login} lower-cased. Expressions with
 * literals, operators, positional arguments ({@code #p0}, {@code #root.args[0]}) or other calls name no attribute that
 * can be told, and are left alone.
 */
final class KeyExpressions {

    private static final Pattern CHAIN = Pattern.compile("#(\\w+)((?:\\s*\\??\\.\\s*\\w+\\s*(?:\\(\\s*\\))?)*)");

    private static final Pattern SEGMENT = Pattern.compile("\\??\\.\\s*(\\w+)\\s*(\\(\\s*\\))?");

    private static final Pattern POSITIONAL = Pattern.compile("[ap]\\d+");

    private KeyExpressions() {}

    /**
     * The attribute a key expression names and how it is normalised, or {@code null} when it cannot be told.
     *
     * @param name the attribute's name
     * @param normalisations {@code case} and {@code whitespace} for {@code toLowerCase()}/{@code toUpperCase()} and
     *     {@code trim()}/{@code strip()}
     */
    record Attribute(String name, Set<String> normalisations) {

        /** Whether two attributes are one: the same name, or one the other's qualified form ({@code customerId}). */
        boolean sameAs(Attribute other) {
            String a = name.toLowerCase(Locale.ROOT);
            String b = other.name.toLowerCase(Locale.ROOT);
            if (a.equals(b)) {
                return true;
            }
            String longer = a.length() > b.length() ? name : other.name;
            String shorter = a.length() > b.length() ? b : a;
            if (shorter.length() < 2 || !longer.toLowerCase(Locale.ROOT).endsWith(shorter)) {
                return false;
            }
            char boundary = longer.charAt(longer.length() - shorter.length());
            return Character.isUpperCase(boundary) || longer.charAt(longer.length() - shorter.length() - 1) == '_';
        }
    }

    static @Nullable Attribute attribute(String expression) {
        Matcher matcher = CHAIN.matcher(expression.strip());
        if (!matcher.matches()) {
            return null;
        }
        String root = matcher.group(1);
        if (root.equals("root") || POSITIONAL.matcher(root).matches()) {
            return null;
        }
        String name = root.equals("result") ? null : root;
        Set<String> normalisations = new TreeSet<>();
        Matcher segment = SEGMENT.matcher(matcher.group(2));
        while (segment.find()) {
            String word = segment.group(1);
            if (segment.group(2) == null) {
                name = word;
                continue;
            }
            switch (word) {
                case "toLowerCase", "toUpperCase" -> normalisations.add("case");
                case "trim", "strip" -> normalisations.add("whitespace");
                case "toString" -> {
                    // Prints the same value.
                }
                default -> {
                    if (word.length() > 3 && word.startsWith("get") && Character.isUpperCase(word.charAt(3))) {
                        name = Character.toLowerCase(word.charAt(3)) + word.substring(4);
                    } else if (word.length() > 2 && word.startsWith("is") && Character.isUpperCase(word.charAt(2))) {
                        name = Character.toLowerCase(word.charAt(2)) + word.substring(3);
                    } else {
                        return null;
                    }
                }
            }
        }
        return name == null ? null : new Attribute(name, normalisations);
    }
}
