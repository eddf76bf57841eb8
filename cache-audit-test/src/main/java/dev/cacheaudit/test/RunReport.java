package dev.cacheaudit.test;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.report.AuditReport;
import dev.cacheaudit.core.report.CacheReport;
import dev.cacheaudit.core.report.HtmlReportWriter;
import dev.cacheaudit.core.report.ReportWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The report of a whole test run. The extension clears each auditor's findings before every test, so the run's
 * findings are collected here as tests end, each with the tests that raised it (evidence {@code tests}); the cache
 * rows are each auditor's latest counters, summed by cache name across the application contexts of the run.
 */
final class RunReport {

    /** Evidence entry naming the tests during which a finding was raised. */
    static final String TESTS = "tests";

    static final String OUTSIDE_TESTS = "(outside a test: context start-up or @AfterEach/@AfterAll)";

    private static final int MAX_SITES = 8;

    private static final int MAX_TESTS = 10;

    /** Weak, so that auditors of closed contexts are not kept alive by the run; their last snapshot is kept. */
    private final Map<CacheAudit, Integer> ids = new WeakHashMap<>();

    private int nextId;

    private final Map<Integer, AuditReport> snapshots = new LinkedHashMap<>();

    private final Map<Id, Merged> findings = new LinkedHashMap<>();

    /** Takes in the findings an auditor raised and its current counters. */
    synchronized void add(CacheAudit audit, List<Finding> raised, @Nullable String test) {
        int id = ids.computeIfAbsent(audit, a -> nextId++);
        snapshots.put(id, audit.report());
        for (Finding finding : raised) {
            findings.computeIfAbsent(
                            new Id(finding.kind(), finding.cache(), finding.signature()), k -> new Merged(finding))
                    .add(finding, test == null ? OUTSIDE_TESTS : test);
        }
    }

    synchronized AuditReport report() {
        List<AuditReport> audits = List.copyOf(snapshots.values());
        Instant now = Instant.now();
        return new AuditReport(
                AuditReport.SCHEMA,
                distinct(audits, AuditReport::application, "application"),
                distinct(audits, AuditReport::instance, "unknown"),
                audits.stream()
                        .map(AuditReport::startedAt)
                        .min(Comparator.naturalOrder())
                        .orElse(now),
                now,
                caches(audits),
                findings.values().stream()
                        .map(Merged::toFinding)
                        .sorted(Comparator.comparing(Finding::severity)
                                .reversed()
                                .thenComparing(Finding::firstSeen))
                        .toList(),
                audits.stream().mapToLong(AuditReport::droppedEvents).sum());
    }

    /** Writes {@code report.json} and {@code report.html} into the directory. */
    synchronized void write(Path directory) {
        AuditReport report = report();
        new ReportWriter().write(report, directory.resolve("report.json"));
        new HtmlReportWriter().write(report, directory.resolve("report.html"));
    }

    private static String distinct(
            List<AuditReport> audits, java.util.function.Function<AuditReport, String> field, String fallback) {
        String joined = audits.stream().map(field).distinct().collect(Collectors.joining(", "));
        return joined.isEmpty() ? fallback : joined;
    }

    private static List<CacheReport> caches(List<AuditReport> audits) {
        Map<String, CacheReport> byName = new TreeMap<>();
        for (AuditReport audit : audits) {
            for (CacheReport row : audit.caches()) {
                byName.merge(row.name(), row, RunReport::sum);
            }
        }
        return List.copyOf(byName.values());
    }

    private static CacheReport sum(CacheReport a, CacheReport b) {
        CacheReport.Verifications va = a.verifications();
        CacheReport.Verifications vb = b.verifications();
        CacheReport.Verifications verifications = va == null
                ? vb
                : vb == null
                        ? va
                        : new CacheReport.Verifications(
                                va.fresh() + vb.fresh(),
                                va.stale() + vb.stale(),
                                va.inconclusive() + vb.inconclusive());
        return new CacheReport(
                a.name(),
                a.backend().equals(b.backend()) ? a.backend() : a.backend() + ", " + b.backend(),
                a.gets() + b.gets(),
                a.hits() + b.hits(),
                a.misses() + b.misses(),
                a.puts() + b.puts(),
                a.evictions() + b.evictions(),
                a.clears() + b.clears(),
                verifications,
                tables(a.tables(), b.tables()));
    }

    /** The tables that feed a cache, as either context learned them; each table once, as first learned. */
    private static List<CacheReport.Table> tables(List<CacheReport.Table> a, List<CacheReport.Table> b) {
        Map<String, CacheReport.Table> byTable = new LinkedHashMap<>();
        for (CacheReport.Table table : a) {
            byTable.putIfAbsent(table.table(), table);
        }
        for (CacheReport.Table table : b) {
            byTable.putIfAbsent(table.table(), table);
        }
        return List.copyOf(byTable.values());
    }

    private record Id(FindingKind kind, String cache, String signature) {}

    /** One finding as seen across the tests of the run. */
    private static final class Merged {

        private final Finding first;

        private long count;

        private Instant firstSeen;

        private Instant lastSeen;

        private final Set<String> sites = new LinkedHashSet<>();

        private final Set<String> tests = new LinkedHashSet<>();

        Merged(Finding first) {
            this.first = first;
            this.firstSeen = first.firstSeen();
            this.lastSeen = first.lastSeen();
        }

        void add(Finding finding, String test) {
            count += finding.count();
            firstSeen = finding.firstSeen().isBefore(firstSeen) ? finding.firstSeen() : firstSeen;
            lastSeen = finding.lastSeen().isAfter(lastSeen) ? finding.lastSeen() : lastSeen;
            for (String site : finding.sites()) {
                if (sites.size() < MAX_SITES) {
                    sites.add(site);
                }
            }
            if (tests.size() < MAX_TESTS) {
                tests.add(test);
            }
        }

        Finding toFinding() {
            Map<String, String> evidence = new LinkedHashMap<>(first.evidence());
            evidence.put(TESTS, String.join(", ", tests));
            return new Finding(
                    first.kind(),
                    first.severity(),
                    first.cache(),
                    first.signature(),
                    first.message(),
                    first.readKey(),
                    first.writeKey(),
                    new ArrayList<>(sites),
                    count,
                    firstSeen,
                    lastSeen,
                    first.remediation(),
                    evidence,
                    first.status());
        }
    }
}
