package dev.cacheaudit.autoconfigure.actuate;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.report.AuditReport;
import dev.cacheaudit.core.report.CacheReport;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/cacheaudit}, for people on call. Exposed like any other endpoint, following Boot's exposure rules
 * (not exposed over HTTP unless listed in {@code management.endpoints.web.exposure.include}).
 *
 * <ul>
 *   <li>{@code GET /actuator/cacheaudit}: the current report, in the {@code cache-audit-report/1} shape; its findings
 *       filtered by the optional parameters {@code kind}, {@code severity}, {@code status} and {@code cache};
 *   <li>{@code GET /actuator/cacheaudit/{cache}}: one cache's counters, verification outcomes and active findings;
 *   <li>{@code GET /actuator/cacheaudit/{cache}/probe?key=...}: is this key stale? (with
 *       {@code cache-audit.endpoint.probe.enabled=true});
 *   <li>{@code DELETE /actuator/cacheaudit}: forgets the findings matched by the same optional parameters, once
 *       acknowledged (a problem seen again comes back).
 * </ul>
 *
 * Parameters are annotated with Spring's {@code @Nullable} so that both Boot lines (3.5 reads that annotation, 4.0 any
 * annotation named {@code Nullable}) treat them as optional.
 */
@Endpoint(id = "cacheaudit")
@SuppressWarnings("deprecation")
public class CacheAuditEndpoint {

    private final CacheAudit audit;

    private final @org.jspecify.annotations.Nullable KeyProbe probe;

    public CacheAuditEndpoint(CacheAudit audit) {
        this(audit, null);
    }

    CacheAuditEndpoint(CacheAudit audit, @org.jspecify.annotations.Nullable KeyProbe probe) {
        this.audit = audit;
        this.probe = probe;
    }

    /** The current report with every finding (what {@code GET /actuator/cacheaudit} answers without parameters). */
    public AuditReport report() {
        return report(null, null, null, null);
    }

    @ReadOperation
    public AuditReport report(
            @org.springframework.lang.Nullable String kind,
            @org.springframework.lang.Nullable String severity,
            @org.springframework.lang.Nullable String status,
            @org.springframework.lang.Nullable String cache) {
        AuditReport report = audit.report();
        Predicate<Finding> filter = filter(kind, severity, status, cache);
        return new AuditReport(
                report.schema(),
                report.application(),
                report.instance(),
                report.startedAt(),
                report.generatedAt(),
                report.caches(),
                report.findings().stream().filter(filter).toList(),
                report.droppedEvents());
    }

    @ReadOperation
    public @org.jspecify.annotations.Nullable CacheSummary cache(@Selector String cache) {
        AuditReport report = audit.report();
        CacheReport counters = report.caches().stream()
                .filter(c -> c.name().equals(cache))
                .findFirst()
                .orElse(null);
        if (counters == null) {
            return null;
        }
        List<Finding> findings =
                report.findings().stream().filter(f -> f.cache().equals(cache)).toList();
        return CacheSummary.of(counters, findings);
    }

    @ReadOperation
    public @org.jspecify.annotations.Nullable Object probe(
            @Selector String cache, @Selector String operation, String key) {
        if (!"probe".equals(operation)) {
            return null;
        }
        KeyProbe keyProbe = probe;
        if (keyProbe == null) {
            return new ProbeDisabled("The probe is off: set cache-audit.endpoint.probe.enabled=true to look keys up"
                    + " (and cache-audit.verification.enabled=true to re-read their source).");
        }
        return keyProbe.probe(cache, key);
    }

    @DeleteOperation
    public ClearedFindings clear(
            @org.springframework.lang.Nullable String kind,
            @org.springframework.lang.Nullable String severity,
            @org.springframework.lang.Nullable String status,
            @org.springframework.lang.Nullable String cache) {
        return new ClearedFindings(audit.findings().remove(filter(kind, severity, status, cache)));
    }

    private static Predicate<Finding> filter(
            @org.jspecify.annotations.Nullable String kind,
            @org.jspecify.annotations.Nullable String severity,
            @org.jspecify.annotations.Nullable String status,
            @org.jspecify.annotations.Nullable String cache) {
        return finding -> matches(kind, finding.kind().name())
                && matches(severity, finding.severity().name())
                && matches(status, finding.status())
                && (cache == null || cache.equals(finding.cache()));
    }

    private static boolean matches(@org.jspecify.annotations.Nullable String wanted, String actual) {
        return wanted == null || wanted.toUpperCase(Locale.ROOT).equals(actual.toUpperCase(Locale.ROOT));
    }

    /**
     * What a DELETE forgot.
     *
     * @param cleared how many findings were forgotten
     */
    public record ClearedFindings(int cleared) {}

    /**
     * The answer of the probe while it is switched off.
     *
     * @param message how to switch it on
     */
    public record ProbeDisabled(String message) {}
}
