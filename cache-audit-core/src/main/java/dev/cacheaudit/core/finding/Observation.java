package dev.cacheaudit.core.finding;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One sighting of a problem, as a detector reports it. Sightings with the same kind, cache and signature are counted
 * as one {@link Finding}.
 *
 * @param kind what was found
 * @param cache the cache concerned
 * @param signature what makes two sightings the same problem (such as the pair of key shapes); never a raw key
 * @param message a sentence a developer understands, with keys already redacted
 * @param readKey a redacted read key as evidence, when there is one
 * @param writeKey a redacted write key as evidence, when there is one
 * @param sites the code locations involved ({@code class#method(args)})
 * @param evidence further named facts, already redacted
 * @param confirmed whether traffic showed the problem; {@code false} for suspicions from start-up analysis
 * @param cause what made an entry stale, for {@code STALE_READ} and {@code STALE_SET}; {@code null} otherwise
 */
public record Observation(
        FindingKind kind,
        String cache,
        String signature,
        String message,
        @Nullable String readKey,
        @Nullable String writeKey,
        List<String> sites,
        Map<String, String> evidence,
        boolean confirmed,
        @Nullable Cause cause) {

    /** A confirmed sighting. */
    public Observation(
            FindingKind kind,
            String cache,
            String signature,
            String message,
            @Nullable String readKey,
            @Nullable String writeKey,
            List<String> sites,
            Map<String, String> evidence) {
        this(kind, cache, signature, message, readKey, writeKey, sites, evidence, true, null);
    }

    /** A sighting without a cause. */
    public Observation(
            FindingKind kind,
            String cache,
            String signature,
            String message,
            @Nullable String readKey,
            @Nullable String writeKey,
            List<String> sites,
            Map<String, String> evidence,
            boolean confirmed) {
        this(kind, cache, signature, message, readKey, writeKey, sites, evidence, confirmed, null);
    }

    /** The same sighting with what made the entry stale. */
    public Observation withCause(Cause cause) {
        return new Observation(kind, cache, signature, message, readKey, writeKey, sites, evidence, confirmed, cause);
    }

    public Observation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(message, "message");
        sites = List.copyOf(sites);
        evidence = Map.copyOf(evidence);
    }
}
