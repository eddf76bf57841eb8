package dev.cacheaudit.autoconfigure.actuate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.report.CacheReport;
import java.time.Instant;
import java.util.List;

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
     */
    public record ActiveFinding(
            String kind,
            String severity,
            String status,
            String message,
            long count,
            Instant firstSeen,
            Instant lastSeen,
            String remediation) {

        static ActiveFinding of(Finding finding) {
            return new ActiveFinding(
                    finding.kind().name(),
                    finding.severity().name(),
                    finding.status(),
                    finding.message(),
                    finding.count(),
                    finding.firstSeen(),
                    finding.lastSeen(),
                    finding.remediation());
        }
    }
}
