package dev.cacheaudit.sample;

import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import java.util.List;

/**
 * Findings the fixed app can yield through a fault of cache-audit rather than of the app, each with the test that
 * stays disabled until it is fixed. The tests of the fixed app leave only these out; any other finding fails them.
 */
final class KnownDetectorIssues {

    /**
     * A refill check races the next write of the same entry: {@code OrderTraffic} refills order {@code n} with
     * {@code PAID} and changes it to {@code SHIPPED} a few tens of milliseconds later; when the verifier reads the
     * cached {@code PAID}, then the source after {@code SHIPPED} committed (evidence
     * {@code refilledAfterInvalidationMs} ≈ 50), the refill is reported at once as a {@code STALE_SET} in
     * {@code status}, although it was fresh when it was made. Seen in about one fixed demo run out of eight.
     */
    static final String REFILL_RACE =
            "detector issue: a refill check that reads the cache, then the source after the entry's next write"
                    + " committed, reports a fresh refill as STALE_SET at once (orders, status, ~1 run in 8)";

    private KnownDetectorIssues() {}

    /** The findings that are not known detector issues. */
    static List<Finding> withoutKnownIssues(List<Finding> findings) {
        return findings.stream().filter(f -> !isRefillRace(f)).toList();
    }

    private static boolean isRefillRace(Finding finding) {
        return finding.kind() == FindingKind.STALE_SET
                && finding.cache().equals(CacheNames.ORDERS)
                && "refill".equals(finding.evidence().get("checkedBecause"));
    }
}
