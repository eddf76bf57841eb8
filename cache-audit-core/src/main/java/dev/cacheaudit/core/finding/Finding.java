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
        String status) {

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
                CONFIRMED);
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
