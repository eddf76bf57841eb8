package dev.cacheaudit.sample.demo;

import dev.cacheaudit.core.finding.Cause;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.report.AuditReport;
import dev.cacheaudit.core.report.CacheReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Prints the demo's outcome as plain-text tables. */
final class DemoPrinter {

    private final PrintStream out;

    DemoPrinter(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Prints the traffic and the reports of the run's instances; an {@code instance} column when there are several. */
    void print(TrafficLog traffic, List<AuditReport> reports) {
        boolean several = reports.size() > 1;
        out.println();
        out.printf(
                "Traffic: %d reads, %d writes, %d stale answers%n",
                traffic.reads(), traffic.writes(), traffic.staleAnswers().size());
        traffic.staleAnswers().forEach(stale -> out.println("  stale: " + stale));
        out.println();
        out.println("Caches");
        boolean verified = reports.stream()
                .flatMap(report -> report.caches().stream())
                .anyMatch(cache -> cache.verifications() != null);
        List<String> header =
                new ArrayList<>(List.of("cache", "backend", "gets", "hits", "misses", "puts", "evictions", "clears"));
        if (verified) {
            header.add("verifications");
        }
        if (several) {
            header.add(0, "instance");
        }
        List<List<String>> caches = new ArrayList<>();
        List<List<String>> findings = new ArrayList<>();
        for (int instance = 0; instance < reports.size(); instance++) {
            AuditReport report = reports.get(instance);
            for (CacheReport cache : report.caches()) {
                caches.add(row(several, instance, cacheRow(cache, verified)));
            }
            for (Finding finding : report.findings()) {
                findings.add(row(
                        several,
                        instance,
                        List.of(
                                finding.kind().name(),
                                finding.severity().name(),
                                finding.cache(),
                                finding.message(),
                                String.join(", ", finding.sites()))));
            }
        }
        table(header, caches);
        out.println();
        out.println("Findings");
        if (findings.isEmpty()) {
            out.println("no findings");
        } else {
            List<String> columns = new ArrayList<>(List.of("kind", "severity", "cache", "message", "sites"));
            if (several) {
                columns.add(0, "instance");
            }
            table(columns, findings);
            causes(reports.stream()
                    .flatMap(report -> report.findings().stream())
                    .toList());
        }
        out.println();
    }

    private static List<String> row(boolean several, int instance, List<String> cells) {
        if (!several) {
            return cells;
        }
        List<String> row = new ArrayList<>(cells);
        row.add(0, "#" + instance);
        return row;
    }

    private static List<String> cacheRow(CacheReport cache, boolean verified) {
        List<String> row = new ArrayList<>(List.of(
                cache.name(),
                cache.backend(),
                Long.toString(cache.gets()),
                Long.toString(cache.hits()),
                Long.toString(cache.misses()),
                Long.toString(cache.puts()),
                Long.toString(cache.evictions()),
                Long.toString(cache.clears())));
        if (verified) {
            row.add(verifications(cache.verifications()));
        }
        return row;
    }

    /** One line per stale key: what made it stale, then its timeline (shapes, sites and times only). */
    private void causes(List<Finding> findings) {
        List<Finding> stale =
                findings.stream().filter(finding -> finding.cause() != null).toList();
        if (stale.isEmpty()) {
            return;
        }
        out.println();
        out.println("Why stale");
        for (Finding finding : stale) {
            Cause cause = Objects.requireNonNull(finding.cause());
            out.println("  " + finding.kind().name() + " " + finding.cache()
                    + (finding.readKey() != null ? " " + finding.readKey() : "") + ": caused by "
                    + (cause.causedBy() != null ? cause.causedBy() : "-") + " (" + cause.summary() + ")");
            out.println("    " + cause.timelineLine());
        }
    }

    private static String verifications(CacheReport.@Nullable Verifications verifications) {
        if (verifications == null) {
            return "-";
        }
        return verifications.fresh() + " fresh, " + verifications.stale() + " stale, " + verifications.inconclusive()
                + " inconclusive";
    }

    private void table(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        line(header, widths);
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        line(rule, widths);
        rows.forEach(row -> line(row, widths));
    }

    private void line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(cell);
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cell.length() + 2));
            }
        }
        out.println(line);
    }
}
