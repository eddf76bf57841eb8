package dev.cacheaudit.core.keys;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns keys into the form that may leave the process (logs, meters, reports). With {@link Mode#SHAPE} the literal
 * parts stay and every variable part is replaced by its salted hash; with {@link Mode#HASH} the whole key is hashed;
 * with {@link Mode#PLAIN} the key is shown as it is. The salt is drawn once per process, so the same key hashes alike
 * within one report and cannot be recovered by hashing guessed identifiers.
 */
public final class KeyRedactor {

    /** How keys are shown. */
    public enum Mode {
        /** Literal parts kept, variable parts hashed. */
        SHAPE,
        /** The whole key hashed. */
        HASH,
        /** The key as it is. */
        PLAIN
    }

    private final Mode mode;

    private final long salt;

    public KeyRedactor(Mode mode) {
        this(mode, new SecureRandom().nextLong());
    }

    KeyRedactor(Mode mode, long salt) {
        this.mode = mode;
        this.salt = salt;
    }

    public Mode mode() {
        return mode;
    }

    /** The key as it may be shown. */
    public @Nullable String redact(@Nullable KeyDescriptor key) {
        if (key == null) {
            return null;
        }
        if (mode == Mode.SHAPE && !key.simpleValue()) {
            // The printed form of an object or composite key can hold any of its fields as literal text.
            return key.type() + "{#" + hash(key.printed()) + "}";
        }
        return redact(key.printed(), key.shape());
    }

    /** A printed key as it may be shown. */
    public String redact(String printed, KeyShape shape) {
        return switch (mode) {
            case PLAIN -> printed;
            case HASH -> "#" + hash(printed);
            case SHAPE -> withHashedVariables(shape);
        };
    }

    private String withHashedVariables(KeyShape shape) {
        List<String> variables = shape.variables();
        if (variables.isEmpty()) {
            return shape.shape();
        }
        StringBuilder out = new StringBuilder(shape.shape().length() + 8 * variables.size());
        String template = shape.shape();
        int variable = 0;
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (open < 0 || close < 0 || variable >= variables.size()) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, open + 1)
                    .append(template, open + 1, close)
                    .append('#')
                    .append(hash(variables.get(variable++)))
                    .append('}');
            i = close + 1;
        }
        return out.toString();
    }

    /** A short salted hash: eight hex digits of a 64-bit FNV-1a over the salt and the text. */
    String hash(String text) {
        long h = 0xcbf29ce484222325L ^ salt;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 29;
        return String.format("%08x", (int) (h ^ (h >>> 32)));
    }
}
