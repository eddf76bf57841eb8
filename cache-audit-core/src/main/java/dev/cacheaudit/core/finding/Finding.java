package dev.cacheaudit.core.finding;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One problem, deduplicated by kind, cache and evidence signature, with how often and when it was seen.
 *
 * @param kind what was found
 * @param severity how serious it is
 * @param cache the cache concerned
 * @param signature what makes two sightings the same problem
 * @param message a sentence a developer understands
 * @param readKey a redacted read key as evidence
 * @param writeKey a redacted write key as evidence
 * @param sites the code locations involved
 * @param count how many times it was seen
 * @param firstSeen when it was first seen
 * @param lastSeen when it was last seen
 * @param remediation the fix that matches the cause
 * @param evidence further named facts
 * @param status {@link #CONFIRMED} when traffic showed the problem, {@link #SUSPECTED} when only start-up analysis
 *     did; a suspected finding has severity {@code INFO} until it is confirmed
 * @param cause what made the entry stale, for {@code STALE_READ} and {@code STALE_SET}; {@code null} otherwise
 */
public record Finding(
        FindingKind kind,
        Severity severity,
        String cache,
        String signature,
        String message,
        @Nullable String readKey,
        @Nullable String writeKey,
        List<String> sites,
        long count,
        Instant firstSeen,
        Instant lastSeen,
        String remediation,
        Map<String, String> evidence,
        String status,
        @Nullable Cause cause) {

    /** Traffic showed the problem. */
    public static final String CONFIRMED = "confirmed";

    /** Start-up analysis suspects the problem; no traffic has shown it yet. */
    public static final String SUSPECTED = "suspected";

    /** A confirmed finding. */
    public Finding(
            FindingKind kind,
            Severity severity,
            String cache,
            String signature,
            String message,
            @Nullable String readKey,
            @Nullable String writeKey,
            List<String> sites,
            long count,
            Instant firstSeen,
            Instant lastSeen,
            String remediation,
            Map<String, String> evidence) {
        this(
                kind,
                severity,
                cache,
                signature,
                message,
                readKey,
                writeKey,
                sites,
                count,
                firstSeen,
                lastSeen,
                remediation,
                evidence,
                CONFIRMED,
                null);
    }

    /** A finding without a cause. */
    public Finding(
            FindingKind kind,
            Severity severity,
            String cache,
            String signature,
            String message,
            @Nullable String readKey,
            @Nullable String writeKey,
            List<String> sites,
            long count,
            Instant firstSeen,
            Instant lastSeen,
            String remediation,
            Map<String, String> evidence,
            String status) {
        this(
                kind,
                severity,
                cache,
                signature,
                message,
                readKey,
                writeKey,
                sites,
                count,
                firstSeen,
                lastSeen,
                remediation,
                evidence,
                status,
                null);
    }

    /**
     * A short identifier of the problem, the same for every sighting and in every report: twelve hex digits of a hash of
     * kind, cache and signature. Other findings link to it ({@link Cause#causedByFinding()}).
     */
    public String id() {
        return id(kind, cache, signature);
    }

    /** The {@link #id()} of the finding with this kind, cache and signature. */
    public static String id(FindingKind kind, String cache, String signature) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((kind.name() + '\n' + cache + '\n' + signature)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException ex) {
            // Every Java platform has SHA-256.
            throw new IllegalStateException(ex);
        }
    }

    /** Whether traffic showed the problem. */
    public boolean confirmed() {
        return CONFIRMED.equals(status);
    }

    public Finding {
        sites = List.copyOf(sites);
        evidence = Map.copyOf(evidence);
    }
}
