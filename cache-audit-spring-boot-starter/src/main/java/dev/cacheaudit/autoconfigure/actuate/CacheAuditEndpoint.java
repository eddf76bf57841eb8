package dev.cacheaudit.autoconfigure.actuate;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.report.AuditReport;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/cacheaudit}: the current report, per-cache statistics and findings, in the
 * {@code cache-audit-report/1} shape. Exposed like any other endpoint, following Boot's exposure rules (not exposed
 * over HTTP unless listed in {@code management.endpoints.web.exposure.include}).
 */
@Endpoint(id = "cacheaudit")
public class CacheAuditEndpoint {

    private final CacheAudit audit;

    public CacheAuditEndpoint(CacheAudit audit) {
        this.audit = audit;
    }

    @ReadOperation
    public AuditReport report() {
        return audit.report();
    }
}
