package dev.cacheaudit.core.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Turns keys into the form that may leave the process (logs, meters, reports, the endpoint, test failures).
 *
 * <ul>
 *   <li>{@link Mode#SHAPE} (the default) shows a key's shape: every variable part (numbers, ids, UUIDs, e-mails,
 *       words learned to be data) is replaced by its placeholder and a keyed hash ({@code user:{n#1f2e3d4c}}), and
 *       every word not known to be structure ({@link KeyVocabulary}) is too ({@code {w#...}}): a login or a slug
 *       in a cache seen with one key only is data until shown otherwise. Object and composite keys, whose printed
 *       form may hold any of their fields, show as their type and a hash.
 *   <li>{@link Mode#HASH} shows a keyed hash of the whole key.
 *   <li>{@link Mode#PLAIN} shows keys as they are.
 * </ul>
 *
 * Hashes are HMAC-SHA256 under a key that is random per process unless configured, so the same key hashes alike
 * within a report (and, with a configured key, across instances) and cannot be recovered by hashing guessed
 * identifiers without that key.
 */
public final class KeyRedactor {

    /** How keys are shown. */
    public enum Mode {
        /** Literal parts known to be structure kept, everything else replaced by a placeholder and a hash. */
        SHAPE,
        /** The whole key hashed. */
        HASH,
        /** The key as it is. */
        PLAIN
    }

    private static final String ALGORITHM = "HmacSHA256";

    /** The most variables and words a shown key or shape has; the rest is {@value #MORE}. */
    static final int MAX_SHOWN_PARTS = 32;

    static final String MORE = "{more}";

    private final Mode mode;

    private final SecretKeySpec hashKey;

    private final KeyVocabulary vocabulary;

    private final ThreadLocal<Mac> macs;

    /** A redactor whose hash key is drawn at random for this process. */
    public KeyRedactor(Mode mode) {
        this(mode, randomKey());
    }

    /**
     * A redactor with a given hash key, so that hashes compare across processes.
     *
     * @param hashKey the HMAC key, at least one byte
     */
    public KeyRedactor(Mode mode, byte[] hashKey) {
        if (hashKey.length == 0) {
            throw new IllegalArgumentException("hash key must not be empty");
        }
        this.mode = mode;
        this.hashKey = new SecretKeySpec(hashKey.clone(), ALGORITHM);
        this.vocabulary = new KeyVocabulary();
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(hashKey);
            return mac;
        } catch (GeneralSecurityException ex) {
            // Every JDK ships HmacSHA256 (it is one of the algorithms the platform must support).
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }

    public Mode mode() {
        return mode;
    }

    /** The words known to be structure, which shapes may show. */
    public KeyVocabulary vocabulary() {
        return vocabulary;
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
            case HASH -> "#" + longHash(printed);
            case SHAPE -> shown(shape.shape(), shape.variables());
        };
    }

    /**
     * A key shape as it may be shown in a message: placeholders kept, and words not known to be structure replaced
     * by {@code {w}} (all of them as they are in {@link Mode#PLAIN}).
     */
    public String shape(String shape) {
        return mode == Mode.PLAIN ? shape : shown(shape, null);
    }

    /**
     * A text that names key shapes, for a finding's signature: as it is in {@link Mode#PLAIN}, a hash otherwise. The
     * hash stays the same while the words the vocabulary knows grow, so one problem keeps one signature.
     */
    public String token(String text) {
        return mode == Mode.PLAIN ? text : "#" + longHash(text);
    }

    /** Whether a text taken from a key (a namespace such as {@code sample:order}) may be shown as it is. */
    public boolean shows(String text) {
        if (mode == Mode.PLAIN) {
            return true;
        }
        boolean anyWord = false;
        int i = 0;
        while (i < text.length()) {
            if (!KeyShape.wordChar(text.charAt(i))) {
                i++;
                continue;
            }
            int end = i;
            while (end < text.length() && KeyShape.wordChar(text.charAt(end))) {
                end++;
            }
            if (!vocabulary.structure(text.substring(i, end))) {
                return false;
            }
            anyWord = true;
            i = end;
        }
        return anyWord;
    }

    /**
     * The shape with each placeholder followed by the hash of its variable (when {@code variables} is given) and each
     * word not known to be structure replaced by {@code {w}} and its hash.
     */
    private String shown(String shape, @Nullable List<String> variables) {
        StringBuilder out = new StringBuilder(Math.min(shape.length(), 256) + 16);
        int variable = 0;
        int parts = 0;
        int i = 0;
        while (i < shape.length()) {
            if (parts == MAX_SHOWN_PARTS) {
                // Enough to recognise the key; hashing hundreds of parts of a huge key would tell nothing more.
                out.append(MORE);
                break;
            }
            int placeholderEnd = KeyShape.placeholderEnd(shape, i);
            if (placeholderEnd > i) {
                if (variables != null && variable < variables.size()) {
                    out.append(shape, i, placeholderEnd - 1)
                            .append('#')
                            .append(hash(variables.get(variable++)))
                            .append('}');
                } else {
                    out.append(shape, i, placeholderEnd);
                }
                parts++;
                i = placeholderEnd;
            } else if (KeyShape.wordChar(shape.charAt(i))) {
                int end = i;
                while (end < shape.length() && KeyShape.wordChar(shape.charAt(end))) {
                    end++;
                }
                String word = shape.substring(i, end);
                if (vocabulary.structure(word)) {
                    out.append(word);
                } else if (variables != null) {
                    out.append("{w#").append(hash(word)).append('}');
                } else {
                    out.append(KeyShape.WORD);
                }
                parts++;
                i = end;
            } else {
                out.append(shape.charAt(i++));
            }
        }
        return out.toString();
    }

    /** A short keyed hash: the first eight hex digits of the HMAC-SHA256 of the text. */
    String hash(String text) {
        return HexFormat.of().formatHex(mac(text), 0, 4);
    }

    /** A longer keyed hash for whole keys: sixteen hex digits. */
    String longHash(String text) {
        return HexFormat.of().formatHex(mac(text), 0, 8);
    }

    private byte[] mac(String text) {
        Mac mac = macs.get();
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }
}
