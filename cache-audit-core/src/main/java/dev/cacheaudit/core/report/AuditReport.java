package dev.cacheaudit.core.report;

import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.Severity;
import java.time.Instant;
import java.util.List;

/**
 * A report in the {@value #SCHEMA} format: per-cache statistics and the findings, as written on shutdown and by the
 * JUnit extension.
 *
 * @param schema always {@value #SCHEMA}
 * @param application the application name
 * @param instance the instance ({@code host:pid})
 * @param startedAt when auditing started
 * @param generatedAt when the report was made
 * @param caches one row per cache, in name order
 * @param findings the findings, most severe first
 * @param droppedEvents events the auditor had to drop because its queue was full
 */
public record AuditReport(
        String schema,
        String application,
        String instance,
        Instant startedAt,
        Instant generatedAt,
        List<CacheReport> caches,
        List<Finding> findings,
        long droppedEvents) {

    /** The schema this model writes. */
    public static final String SCHEMA = "cache-audit-report/1";

    public AuditReport {
        caches = List.copyOf(caches);
        findings = List.copyOf(findings);
    }

    /** The findings of at least the given severity. */
    public List<Finding> findingsAtLeast(Severity severity) {
        return findings.stream().filter(f -> f.severity().atLeast(severity)).toList();
    }
}
