package dev.cacheaudit.core.keys;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Printing of Redis keys given as raw bytes. */
public final class RedisKeys {

    private RedisKeys() {}

    /** The key as UTF-8 text when it decodes cleanly and has no control characters, otherwise {@code 0x...} hex. */
    public static String print(byte[] key) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(key))
                    .toString();
            for (int i = 0; i < text.length(); i++) {
                if (Character.isISOControl(text.charAt(i))) {
                    return hex(key);
                }
            }
            return text;
        } catch (CharacterCodingException ex) {
            return hex(key);
        }
    }

    private static String hex(byte[] key) {
        return "0x" + HexFormat.of().formatHex(key);
    }

    /**
     * Splits a Redis key written by Spring's {@code RedisCache} ({@code cacheName::key}) into the cache name and the
     * key, or returns {@code null} when it has no such prefix.
     */
    public static String @org.jspecify.annotations.Nullable [] splitCacheKey(String printed) {
        int at = printed.indexOf("::");
        if (at <= 0) {
            return null;
        }
        return new String[] {printed.substring(0, at), printed.substring(at + 2)};
    }
}
