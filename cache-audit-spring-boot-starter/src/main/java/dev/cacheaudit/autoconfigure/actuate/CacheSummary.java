package dev.cacheaudit.autoconfigure.actuate;

import dev.cacheaudit.core.finding.Cause;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.report.CacheReport;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code /actuator/cacheaudit/{cache}} answers: one cache's counters, verification outcomes and active findings.
 *
 * @param name the cache
 * @param backend the kind of store behind it
 * @param gets reads
 * @param hits reads that found an entry
 * @param misses reads that found none
 * @param puts entries stored
 * @param evictions entries evicted
 * @param clears whole-cache clears
 * @param verifications outcomes of re-reading the source, with verification on
 * @param findings the cache's active findings, most severe first
 */
public record CacheSummary(
        String name,
        String backend,
        long gets,
        long hits,
        long misses,
        long puts,
        long evictions,
        long clears,
        CacheReport.@Nullable Verifications verifications,
        List<ActiveFinding> findings) {

    static CacheSummary of(CacheReport cache, List<Finding> findings) {
        return new CacheSummary(
                cache.name(),
                cache.backend(),
                cache.gets(),
                cache.hits(),
                cache.misses(),
                cache.puts(),
                cache.evictions(),
                cache.clears(),
                cache.verifications(),
                findings.stream().map(ActiveFinding::of).toList());
    }

    /**
     * One active finding, in short; the whole finding is in {@code /actuator/cacheaudit}.
     *
     * @param kind the kind
     * @param severity its severity
     * @param status confirmed or suspected
     * @param message what was seen
     * @param count sightings
     * @param firstSeen first sighting
     * @param lastSeen last sighting
     * @param remediation the fix that matches the cause
     * @param id the finding's id, which stale findings link to
     * @param causedBy for a stale finding, the kind of the finding that explains it or {@code no write seen}
     * @param cause for a stale finding, what made it stale in one sentence
     * @param timeline for a stale finding, the entry's timeline on one line (shapes, sites and times only)
     */
    public record ActiveFinding(
            String id,
            String kind,
            String severity,
            String status,
            String message,
            long count,
            Instant firstSeen,
            Instant lastSeen,
            String remediation,
            @Nullable String causedBy,
            @Nullable String cause,
            @Nullable String timeline) {

        static ActiveFinding of(Finding finding) {
            Cause cause = finding.cause();
            return new ActiveFinding(
                    finding.id(),
                    finding.kind().name(),
                    finding.severity().name(),
                    finding.status(),
                    finding.message(),
                    finding.count(),
                    finding.firstSeen(),
                    finding.lastSeen(),
                    finding.remediation(),
                    cause != null ? cause.causedBy() : null,
                    cause != null ? cause.summary() : null,
                    cause != null ? cause.timelineLine() : null);
        }
    }
}
