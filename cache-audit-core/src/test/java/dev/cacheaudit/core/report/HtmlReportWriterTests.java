package dev.cacheaudit.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.finding.Cause;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportWriterTests {

    private static final Instant STARTED = Instant.parse("2026-11-26T10:00:00Z");

    private final HtmlReportWriter writer = new HtmlReportWriter();

    @Test
    void headerShowsApplicationInstanceAndTimes() {
        String html = writer.render(report(List.of(), List.of()));

        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("orders-service", "host-1:4242", "2026-11-26T10:00:00Z", "2026-11-26T10:05:00Z");
    }

    @Test
    void everyCacheHasARowWithItsCountersAndHitRatio() {
        String html = writer.render(report(
                List.of(
                        new CacheReport("users", "redis", 120, 100, 20, 20, 5, 0, null),
                        new CacheReport("orders", "map", 0, 0, 0, 0, 0, 3, new CacheReport.Verifications(10, 1, 0))),
                List.of()));

        assertThat(html)
                .contains("<td><code>users</code></td><td>redis</td><td class=\"n\">120</td><td class=\"n\">100</td>"
                        + "<td class=\"n\">20</td><td class=\"n\">20</td><td class=\"n\">5</td><td class=\"n\">0</td>"
                        + "<td class=\"n\">83.3 %</td>")
                .contains("<td><code>orders</code></td><td>map</td>")
                .contains("10 fresh, 1 stale, 0 inconclusive");
    }

    @Test
    void everyFindingHasARowWithSeverityKindKeysSitesCountAndRemediation() {
        String html = writer.render(report(
                List.of(),
                List.of(
                        finding(FindingKind.KEY_MISMATCH, "users::42", "users::user:42"),
                        finding(FindingKind.FULL_CLEAR, null, null))));

        assertThat(html)
                .contains("<span class=\"sev sev-ERROR\">ERROR</span>", "<code>KEY_MISMATCH</code>")
                .contains("<td><code>users::42</code></td><td><code>users::user:42</code></td>")
                .contains("<li><code>com.acme.UserService#rename(Long,String)</code></li>")
                .contains("<td class=\"n\">3</td>", "2026-11-26T10:01:00Z", "2026-11-26T10:04:00Z")
                .contains(FindingKind.KEY_MISMATCH.remediation().replace("\"", "&quot;"))
                .contains("<span class=\"sev sev-WARN\">WARN</span>", "<code>FULL_CLEAR</code>")
                .contains("<td>&mdash;</td><td>&mdash;</td>")
                .doesNotContain("No findings");
    }

    @Test
    void keysMessagesSitesAndEvidenceAreEscaped() {
        Finding hostile = new Finding(
                FindingKind.KEY_MISMATCH,
                Severity.ERROR,
                "<cache>",
                "sig",
                "reads use \"a<b>\" & 'c'",
                "<script>alert(1)</script>",
                "k&v",
                List.of("Foo#bar(List<String>)"),
                1,
                STARTED,
                STARTED,
                "fix <it>",
                Map.of("tests", "A#b<c>"));

        String html = writer.render(report(List.of(), List.of(hostile)));

        assertThat(html)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "k&amp;v", "&lt;cache&gt;")
                .contains("reads use &quot;a&lt;b&gt;&quot; &amp; &#39;c&#39;")
                .contains("Foo#bar(List&lt;String&gt;)", "fix &lt;it&gt;", "A#b&lt;c&gt;")
                .doesNotContain("<script>", "<cache>", "<it>", "List<String>");
    }

    @Test
    void cacheRowsShowTheirFindingsAndTheTablesThatFeedThem() {
        String html = writer.render(report(
                List.of(
                        new CacheReport(
                                "users",
                                "redis",
                                2,
                                1,
                                1,
                                1,
                                0,
                                0,
                                null,
                                List.of(new CacheReport.Table("app_user", List.of("id"), "loads"))),
                        new CacheReport("orders", "map", 0, 0, 0, 0, 0, 0, null)),
                List.of(finding(FindingKind.KEY_MISMATCH, "a", "b"))));

        assertThat(html)
                .contains("<td class=\"n\">1</td><td><ul class=\"lineage\"><li><code>app_user</code> by <code>id</code>"
                        + " <span class=\"src\">(loads)</span></li></ul></td></tr>")
                .contains("<td class=\"n\">0</td><td>&mdash;</td></tr>")
                .contains("<td class=\"status\">confirmed</td>");
    }

    @Test
    void theHtmlPageOfAJsonReportGoesBesideIt() {
        assertThat(HtmlReportWriter.htmlPathFor(Path.of("/var/log/app/cache-audit.json")))
                .isEqualTo(Path.of("/var/log/app/cache-audit.html"));
        assertThat(HtmlReportWriter.htmlPathFor(Path.of("build/report.JSON"))).isEqualTo(Path.of("build/report.html"));
        assertThat(HtmlReportWriter.htmlPathFor(Path.of("audit"))).isEqualTo(Path.of("audit.html"));
    }

    @Test
    void staleReadShowsItsCauseLinkedToTheFindingThatExplainsItAndItsTimeline() {
        Finding mismatch = finding(FindingKind.KEY_MISMATCH, "a", "b");
        Cause cause = new Cause(
                "KEY_MISMATCH",
                mismatch.id(),
                new Cause.Write("com.acme.User", "com.acme.Users#rename(Long)", "host-1:4242", "committed", STARTED),
                new Cause.Invalidation("evict", "<w>:{n}", "com.acme.Users#rename(Long)", "removed nothing"),
                List.of("t+0 load Users#find(Long)", "t+20ms evict '<w>:{n}' (removed nothing)"));
        Finding stale = ReportRoundTripTests.staleRead(cause);

        String html = writer.render(report(List.of(), List.of(mismatch, stale)));

        assertThat(html)
                .contains("<tr id=\"finding-" + mismatch.id() + "\"")
                .contains("caused by <a href=\"#finding-" + mismatch.id() + "\"><code>KEY_MISMATCH</code></a>")
                .contains("<ol class=\"timeline\"><li>t+0 load Users#find(Long)</li>")
                .contains("evict &#39;&lt;w&gt;:{n}&#39; (removed nothing)")
                .doesNotContain("<w>");
    }

    @Test
    void emptyReportSaysNoFindings() {
        String html = writer.render(report(List.of(), List.of()));

        assertThat(html).contains("No findings.", "No caches were used.").doesNotContain("<table");
    }

    @Test
    void pageIsSelfContained() {
        String html = writer.render(report(
                List.of(new CacheReport("users", "map", 1, 0, 1, 1, 0, 0, null)),
                List.of(finding(FindingKind.KEY_MISMATCH, "a", "b"))));

        assertThat(html).contains("<style>").doesNotContain("<link", "<script", "src=", "http://", "https://");
    }

    @Test
    void writesTheFileCreatingItsDirectory(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested/report.html");

        writer.write(report(List.of(), List.of()), file);

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("orders-service");
        try (var siblings = Files.list(file.getParent())) {
            assertThat(siblings).containsExactly(file);
        }
    }

    private static AuditReport report(List<CacheReport> caches, List<Finding> findings) {
        return new AuditReport(
                AuditReport.SCHEMA,
                "orders-service",
                "host-1:4242",
                STARTED,
                Instant.parse("2026-11-26T10:05:00Z"),
                caches,
                findings,
                0);
    }

    private static Finding finding(FindingKind kind, String readKey, String writeKey) {
        return new Finding(
                kind,
                kind.severity(),
                "users",
                "sig",
                "evictions use 'user:{id}' but reads use '{id}'",
                readKey,
                writeKey,
                List.of("com.acme.UserService#find(Long)", "com.acme.UserService#rename(Long,String)"),
                3,
                Instant.parse("2026-11-26T10:01:00Z"),
                Instant.parse("2026-11-26T10:04:00Z"),
                kind.remediation(),
                Map.of());
    }
}
