package dev.cacheaudit.test;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

/** Assertions on the findings an auditor holds. Each waits up to five seconds for queued events to be analysed. */
public final class CacheAuditAssert extends AbstractAssert<CacheAuditAssert, CacheAudit> {

    private static final Duration QUIESCENCE_TIMEOUT = Duration.ofSeconds(5);

    CacheAuditAssert(CacheAudit audit) {
        super(Objects.requireNonNull(audit, "audit"), CacheAuditAssert.class);
    }

    /** Asserts that there is no finding at all. */
    public CacheAuditAssert hasNoFindings() {
        return hasNoFindingsAtLeast(Severity.INFO);
    }

    /** Asserts that there is no finding of this severity or a more serious one. */
    public CacheAuditAssert hasNoFindingsAtLeast(Severity severity) {
        List<Finding> found = findingsNow().stream()
                .filter(f -> f.severity().atLeast(severity))
                .toList();
        if (!found.isEmpty()) {
            failWithMessage(
                    "%s",
                    FindingsMessage.list(
                            "Expected no cache-audit finding of severity >= " + severity + " but found " + found.size(),
                            found));
        }
        return myself;
    }

    /** Asserts that there is a finding of this kind on this cache. */
    public CacheAuditAssert hasFinding(FindingKind kind, String cache) {
        List<Finding> all = findingsNow();
        if (all.stream().noneMatch(f -> f.kind() == kind && f.cache().equals(cache))) {
            failWithMessage(
                    "%s",
                    all.isEmpty()
                            ? "Expected a " + kind + " finding on cache '" + cache + "' but there was no finding"
                            : FindingsMessage.list(
                                    "Expected a " + kind + " finding on cache '" + cache + "' but found only", all));
        }
        return myself;
    }

    /** The findings, for any further AssertJ assertion. */
    public ListAssert<Finding> findings() {
        return Assertions.assertThat(findingsNow());
    }

    private List<Finding> findingsNow() {
        actual.awaitQuiescence(QUIESCENCE_TIMEOUT);
        return actual.findings().findings();
    }
}
