package dev.cacheaudit.core.keys;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A printed key split into its literal parts and its variable parts: {@code user:42} has the shape {@code user:{n}}
 * and the variable {@code 42}. Two keys of one shape were built by the same code; two keys with the same variables
 * and different shapes name the same entity in different ways.
 *
 * @param shape the key with every variable part replaced by a placeholder ({@code {n}}, {@code {uuid}},
 *     {@code {hex}}, {@code {email}})
 * @param variables the variable parts, in order
 */
public record KeyShape(String shape, List<String> variables) {

    private static final Pattern VARIABLE = Pattern.compile("(?<uuid>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
            + "[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"
            + "|(?<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)"
            + "|(?<hex>\\b(?=[0-9a-fA-F]*[0-9])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}\\b)"
            + "|(?<n>(?<![A-Za-z0-9])-?\\d+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)");

    public KeyShape {
        variables = List.copyOf(variables);
    }

    /** Splits a printed key into its shape and variables. */
    public static KeyShape of(String printed) {
        Matcher matcher = VARIABLE.matcher(printed);
        if (!matcher.find()) {
            return new KeyShape(printed, List.of());
        }
        StringBuilder shape = new StringBuilder(printed.length());
        List<String> variables = new ArrayList<>(2);
        int last = 0;
        do {
            shape.append(printed, last, matcher.start()).append(placeholder(matcher));
            variables.add(matcher.group());
            last = matcher.end();
        } while (matcher.find());
        shape.append(printed, last, printed.length());
        return new KeyShape(shape.toString(), variables);
    }

    private static String placeholder(Matcher matcher) {
        if (matcher.group("uuid") != null) {
            return "{uuid}";
        }
        if (matcher.group("email") != null) {
            return "{email}";
        }
        if (matcher.group("hex") != null) {
            return "{hex}";
        }
        return "{n}";
    }

    /** Whether the key has no variable part at all, such as a constant key or {@code SimpleKey []}. */
    public boolean constant() {
        return variables.isEmpty();
    }

    /** The literal parts alone: the shape without placeholders. */
    public String literals() {
        return shape.replaceAll("\\{(?:n|uuid|hex|email)}", "");
    }
}
