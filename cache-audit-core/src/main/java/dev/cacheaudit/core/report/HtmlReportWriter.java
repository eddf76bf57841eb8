package dev.cacheaudit.core.report;

import dev.cacheaudit.core.finding.Cause;
import dev.cacheaudit.core.finding.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Renders an {@link AuditReport} as one self-contained HTML page (inline CSS, no scripts, no external assets; a Content-Security-Policy forbids both in the page): the
 * header, a table of caches (with the tables that feed each one, when the report knows them) and the findings with
 * their status, evidence and cause. It prints only what the report holds, so keys and values appear exactly as redacted
 * in the JSON report; every value taken from the report is HTML-escaped, since keys, messages and call sites may
 * contain markup characters. Written by the JUnit gate ({@code report.html}) and, on shutdown, beside the JSON report
 * at {@code cache-audit.report.path} ({@link #htmlPathFor(Path)}).
 */
public final class HtmlReportWriter {

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1f2328}
            h1{font-size:22px;margin:0 0 4px} h2{font-size:17px;margin:28px 0 8px}
            .meta{color:#57606a;margin:0} .meta b{color:#1f2328;font-weight:600}
            table{border-collapse:collapse;width:100%} th,td{border:1px solid #d0d7de;padding:5px 8px;vertical-align:top}
            th{background:#f6f8fa;text-align:left} td.n{text-align:right;font-variant-numeric:tabular-nums}
            code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
            ul{margin:0;padding-left:16px} .none{color:#1a7f37;font-weight:600}
            .sev{display:inline-block;border-radius:10px;padding:1px 8px;font-weight:600;font-size:12px;color:#fff}
            .sev-ERROR{background:#cf222e} .sev-WARN{background:#bf8700} .sev-INFO{background:#0969da}
            tr.ERROR td:first-child{border-left:4px solid #cf222e} tr.WARN td:first-child{border-left:4px solid #bf8700}
            .fix{color:#57606a;font-size:13px} .src{color:#57606a;font-size:12px} td.status{font-size:12px}
            ul.evidence{margin-top:6px;color:#57606a}
            div.cause{margin-top:6px}
            ol.timeline{margin:4px 0 0 0;padding-left:18px;color:#57606a;font-family:ui-monospace,monospace;font-size:12px}
            """;

    /** The page as a string. */
    public String render(AuditReport report) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'\">\n")
                .append("<title>cache-audit report: ")
                .append(escape(report.application()))
                .append("</title>\n<style>\n")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n");
        header(html, report);
        caches(html, report);
        findings(html, report);
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    /**
     * Where the HTML page of a JSON report goes: beside it, with the extension {@code .html} in place of
     * {@code .json} (appended when the name has no {@code .json} extension).
     */
    public static Path htmlPathFor(Path jsonReport) {
        String name = String.valueOf(jsonReport.getFileName());
        String base = name.toLowerCase(Locale.ROOT).endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return jsonReport.resolveSibling(base + ".html");
    }

    /** Writes the page to a writer. */
    public void write(AuditReport report, Writer out) throws IOException {
        out.write(render(report));
    }

    /** Writes the page to a file atomically: to a sibling temporary file first, then moved into place. */
    public void write(AuditReport report, Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, ".cache-audit-", ".html");
            Files.writeString(temporary, render(report), StandardCharsets.UTF_8);
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not write the cache-audit HTML report to " + path, ex);
        }
    }

    private static void header(StringBuilder html, AuditReport report) {
        html.append("<h1>cache-audit report</h1>\n<p class=\"meta\">")
                .append("application <b>")
                .append(escape(report.application()))
                .append("</b> &middot; instance <b>")
                .append(escape(report.instance()))
                .append("</b></p>\n<p class=\"meta\">started <b>")
                .append(escape(report.startedAt().toString()))
                .append("</b> &middot; generated <b>")
                .append(escape(report.generatedAt().toString()))
                .append("</b> &middot; dropped events <b>")
                .append(report.droppedEvents())
                .append("</b> &middot; schema <code>")
                .append(escape(report.schema()))
                .append("</code></p>\n");
    }

    private static void caches(StringBuilder html, AuditReport report) {
        html.append("<h2>Caches (").append(report.caches().size()).append(")</h2>\n");
        if (report.caches().isEmpty()) {
            html.append("<p>No caches were used.</p>\n");
            return;
        }
        html.append("<table class=\"caches\">\n<tr><th>name</th><th>backend</th><th>gets</th><th>hits</th>")
                .append("<th>misses</th><th>puts</th><th>evictions</th><th>clears</th><th>hit ratio</th>")
                .append("<th>verifications</th><th>findings</th><th>fed by tables</th></tr>\n");
        for (CacheReport cache : report.caches()) {
            html.append("<tr><td><code>")
                    .append(escape(cache.name()))
                    .append("</code></td><td>")
                    .append(escape(cache.backend()))
                    .append("</td>");
            for (long n : new long[] {
                cache.gets(), cache.hits(), cache.misses(), cache.puts(), cache.evictions(), cache.clears()
            }) {
                html.append("<td class=\"n\">").append(n).append("</td>");
            }
            html.append("<td class=\"n\">").append(hitRatio(cache)).append("</td><td>");
            CacheReport.Verifications v = cache.verifications();
            html.append(
                            v == null
                                    ? "&mdash;"
                                    : v.fresh() + " fresh, " + v.stale() + " stale, " + v.inconclusive()
                                            + " inconclusive")
                    .append("</td><td class=\"n\">")
                    .append(report.findings().stream()
                            .filter(f -> f.cache().equals(cache.name()))
                            .count())
                    .append("</td><td>");
            lineage(html, cache.tables());
            html.append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void lineage(StringBuilder html, List<CacheReport.Table> tables) {
        if (tables.isEmpty()) {
            html.append("&mdash;");
            return;
        }
        html.append("<ul class=\"lineage\">");
        for (CacheReport.Table table : tables) {
            html.append("<li><code>").append(escape(table.table())).append("</code>");
            if (!table.keyColumns().isEmpty()) {
                html.append(" by <code>")
                        .append(escape(String.join(", ", table.keyColumns())))
                        .append("</code>");
            }
            html.append(" <span class=\"src\">(").append(escape(table.source())).append(")</span></li>");
        }
        html.append("</ul>");
    }

    private static String hitRatio(CacheReport cache) {
        if (cache.gets() == 0) {
            return "&mdash;";
        }
        return String.format(Locale.ROOT, "%.1f %%", 100.0 * cache.hits() / cache.gets());
    }

    private static void findings(StringBuilder html, AuditReport report) {
        html.append("<h2>Findings (").append(report.findings().size()).append(")</h2>\n");
        if (report.findings().isEmpty()) {
            html.append("<p class=\"none\">No findings.</p>\n");
            return;
        }
        html.append("<table class=\"findings\">\n<tr><th>severity</th><th>status</th><th>kind</th><th>cache</th>")
                .append("<th>what happened, evidence</th>")
                .append("<th>read key</th><th>write key</th><th>sites</th><th>count</th><th>first seen</th>")
                .append("<th>last seen</th><th>cause and fix</th></tr>\n");
        for (Finding finding : report.findings()) {
            String severity = finding.severity().name();
            html.append("<tr id=\"finding-")
                    .append(finding.id())
                    .append("\" class=\"")
                    .append(severity)
                    .append("\"><td><span class=\"sev sev-")
                    .append(severity)
                    .append("\">")
                    .append(severity)
                    .append("</span></td><td class=\"status\">")
                    .append(escape(finding.status()))
                    .append("</td><td><code>")
                    .append(finding.kind().name())
                    .append("</code></td><td><code>")
                    .append(escape(finding.cache()))
                    .append("</code></td><td>")
                    .append(escape(finding.message()));
            evidence(html, finding.evidence());
            cause(html, finding.cause());
            html.append("</td><td>")
                    .append(key(finding.readKey()))
                    .append("</td><td>")
                    .append(key(finding.writeKey()))
                    .append("</td><td><ul>");
            for (String site : finding.sites()) {
                html.append("<li><code>").append(escape(site)).append("</code></li>");
            }
            html.append("</ul></td><td class=\"n\">")
                    .append(finding.count())
                    .append("</td><td>")
                    .append(escape(finding.firstSeen().toString()))
                    .append("</td><td>")
                    .append(escape(finding.lastSeen().toString()))
                    .append("</td><td class=\"fix\">")
                    .append(escape(finding.remediation()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** What made the entry stale: a link to the finding that explains it, the summary and the entry's timeline. */
    private static void cause(StringBuilder html, @Nullable Cause cause) {
        if (cause == null) {
            return;
        }
        html.append("<div class=\"cause\">caused by ");
        String causedBy = cause.causedBy();
        String linked = cause.causedByFinding();
        if (causedBy == null) {
            html.append("&mdash;");
        } else if (linked != null) {
            html.append("<a href=\"#finding-")
                    .append(escape(linked))
                    .append("\"><code>")
                    .append(escape(causedBy))
                    .append("</code></a>");
        } else {
            html.append("<code>").append(escape(causedBy)).append("</code>");
        }
        html.append(": ").append(escape(cause.summary()));
        if (!cause.timeline().isEmpty()) {
            html.append("<ol class=\"timeline\">");
            for (String step : cause.timeline()) {
                html.append("<li>").append(escape(step)).append("</li>");
            }
            html.append("</ol>");
        }
        html.append("</div>");
    }

    private static void evidence(StringBuilder html, Map<String, String> evidence) {
        if (evidence.isEmpty()) {
            return;
        }
        html.append("<ul class=\"evidence\">");
        for (Map.Entry<String, String> entry : new TreeMap<>(evidence).entrySet()) {
            html.append("<li>")
                    .append(escape(entry.getKey()))
                    .append(": <code>")
                    .append(escape(entry.getValue()))
                    .append("</code></li>");
        }
        html.append("</ul>");
    }

    private static String key(@Nullable String key) {
        return key == null ? "&mdash;" : "<code>" + escape(key) + "</code>";
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    static String escape(String text) {
        @Nullable StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            @Nullable
            String replacement =
                    switch (c) {
                        case '&' -> "&amp;";
                        case '<' -> "&lt;";
                        case '>' -> "&gt;";
                        case '"' -> "&quot;";
                        case '\'' -> "&#39;";
                        default -> null;
                    };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
