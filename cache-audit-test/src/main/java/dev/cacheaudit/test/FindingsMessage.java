package dev.cacheaudit.test;

import dev.cacheaudit.core.finding.Finding;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Writes findings the way a developer reads a failed test: one block per finding, evidence first, fix last. */
final class FindingsMessage {

    private static final String INDENT = "   ";

    private FindingsMessage() {}

    /** The message of a test that failed on findings. */
    static String failure(String test, List<Finding> failing, FailurePolicy policy, String reports) {
        StringBuilder out = new StringBuilder();
        out.append(count(failing.size()))
                .append(" (")
                .append(policy.describe())
                .append(") raised during ")
                .append(test)
                .append(":\n");
        appendAll(out, failing);
        out.append("\nReports: ").append(reports);
        out.append("\nWhat fails a test: @CacheAuditTest(failSeverity, kinds, failOnFindings) or the ")
                .append("cache-audit.junit.* configuration parameters.");
        return out.toString();
    }

    /** A numbered list of findings. */
    static String list(String headline, List<Finding> findings) {
        StringBuilder out = new StringBuilder(headline).append(":\n");
        appendAll(out, findings);
        return out.toString();
    }

    static String count(int n) {
        return n == 1 ? "1 cache-audit finding" : n + " cache-audit findings";
    }

    private static void appendAll(StringBuilder out, List<Finding> findings) {
        int index = 1;
        for (Finding finding : findings) {
            out.append('\n');
            append(out, index++, finding);
        }
    }

    private static void append(StringBuilder out, int index, Finding finding) {
        out.append(index)
                .append(". ")
                .append(finding.kind())
                .append(" [")
                .append(finding.severity())
                .append("] in cache '")
                .append(finding.cache())
                .append("', seen ")
                .append(finding.count())
                .append(finding.count() == 1 ? " time\n" : " times\n");
        out.append(INDENT).append(finding.message()).append('\n');
        if (finding.readKey() != null || finding.writeKey() != null) {
            out.append(INDENT)
                    .append("read key ")
                    .append(orDash(finding.readKey()))
                    .append("  ->  write key ")
                    .append(orDash(finding.writeKey()))
                    .append('\n');
        }
        for (int i = 0; i < finding.sites().size(); i++) {
            out.append(INDENT)
                    .append(i == 0 ? "sites:  " : "        ")
                    .append(finding.sites().get(i))
                    .append('\n');
        }
        out.append(INDENT).append("fix:    ").append(finding.remediation()).append('\n');
    }

    private static String orDash(@Nullable String key) {
        return key == null ? "-" : key;
    }
}
