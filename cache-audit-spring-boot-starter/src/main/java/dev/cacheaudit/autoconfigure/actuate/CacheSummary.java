package dev.cacheaudit.autoconfigure.actuate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.cacheaudit.core.finding.Cause;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.report.CacheReport;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code /actuator/cacheaudit/{cache}} answers: the cache's row of the report — counters and verification
 * outcomes, at the top level of the answer — and its active findings. The row's lineage stays in the whole report.
 *
 * @param cache the cache's row of the report
 * @param findings the cache's active findings, most severe first
 */
public record CacheSummary(
        @JsonUnwrapped @JsonIgnoreProperties("tables") CacheReport cache, List<ActiveFinding> findings) {

    static CacheSummary of(CacheReport cache, List<Finding> findings) {
        return new CacheSummary(cache, findings.stream().map(ActiveFinding::of).toList());
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
