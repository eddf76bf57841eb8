package dev.cacheaudit.core.listen;

import dev.cacheaudit.core.finding.Cause;
import dev.cacheaudit.core.finding.Finding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a warning when a finding first appears and again when its count crosses a power of ten, never once per
 * request.
 */
public final class FindingLogger implements AuditListener {

    private static final Logger logger = LoggerFactory.getLogger(FindingLogger.class);

    @Override
    public void onFinding(Finding finding, boolean first) {
        if (!finding.confirmed()) {
            logger.info(
                    "cache-audit suspects {} on cache '{}' (start-up analysis, not yet seen in traffic): {} (sites: {})",
                    finding.kind(),
                    finding.cache(),
                    finding.message(),
                    finding.sites());
        } else if (first && finding.cause() != null) {
            Cause cause = finding.cause();
            logger.warn(
                    "cache-audit {} {} on cache '{}': {} (sites: {}). Cause: {} [{}]. Fix: {}",
                    finding.severity(),
                    finding.kind(),
                    finding.cache(),
                    finding.message(),
                    finding.sites(),
                    cause.summary(),
                    cause.timelineLine(),
                    finding.remediation());
        } else if (first) {
            logger.warn(
                    "cache-audit {} {} on cache '{}': {} (sites: {}). Fix: {}",
                    finding.severity(),
                    finding.kind(),
                    finding.cache(),
                    finding.message(),
                    finding.sites(),
                    finding.remediation());
        } else {
            logger.warn(
                    "cache-audit {} on cache '{}' seen {} times: {}",
                    finding.kind(),
                    finding.cache(),
                    finding.count(),
                    finding.message());
        }
    }
}
