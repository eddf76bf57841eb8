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
        Map<String, String> evidence) {

    public Finding {
        sites = List.copyOf(sites);
        evidence = Map.copyOf(evidence);
    }
}
