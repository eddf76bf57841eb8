package dev.cacheaudit.core.fleet;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed fingerprint (HMAC-SHA256, first 16 bytes in hex) under which an identifier travels between the instances
 * of a fleet. Every instance holds the same key, so equal identifiers give equal fingerprints across the fleet, while
 * whoever reads the channel without the key learns nothing of the identifiers.
 */
public final class FleetFingerprint {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    /** @param secret the fleet-shared key; at least 16 bytes */
    public FleetFingerprint(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < 16) {
            throw new IllegalArgumentException("A fleet key needs at least 16 bytes, got " + secret.length);
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    /** The fingerprint of an identifier as it prints. */
    public String of(String id) {
        try {
            // A Mac is not thread-safe and cheap to create next to the hash itself.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }
}
