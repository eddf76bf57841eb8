package dev.cacheaudit.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import dev.cacheaudit.core.finding.Cause;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Severity;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportRoundTripTests {

    private static final Instant STARTED = Instant.parse("2025-03-01T08:00:00Z");

    private static final Instant FIRST = Instant.parse("2025-03-01T08:01:02.123456789Z");

    private static final Instant LAST = Instant.parse("2025-03-01T08:05:00.5Z");

    static AuditReport sampleReport() {
        Finding withKeys = new Finding(
                FindingKind.KEY_MISMATCH,
                Severity.ERROR,
                "users",
                "{n}|user:{n}",
                "Reads use {n} but evictions use user:{n}",
                "{n#1a2b3c4d}",
                "user:{n#1a2b3c4d}",
                List.of("UserService#find(Long)", "UserService#update(User)"),
                42,
                FIRST,
                LAST,
                FindingKind.KEY_MISMATCH.remediation(),
                Map.of("readShape", "{n}", "evictShape", "user:{n}"));
        Finding bare = new Finding(
                FindingKind.FULL_CLEAR,
                Severity.WARN,
                "orders",
                "clear",
                "The whole cache is cleared \"on every write\"",
                null,
                null,
                List.of(),
                1,
                FIRST,
                FIRST,
                FindingKind.FULL_CLEAR.remediation(),
                Map.of());
        return new AuditReport(
                AuditReport.SCHEMA,
                "shop",
                "host-1:4242",
                STARTED,
                LAST,
                List.of(
                        new CacheReport("orders", "caffeine", 10, 7, 3, 3, 0, 2, null),
                        new CacheReport(
                                "users", "redis", 100, 90, 10, 10, 5, 0, new CacheReport.Verifications(8, 1, 2))),
                List.of(withKeys, bare),
                17);
    }

    private static String write(AuditReport report) throws IOException {
        StringWriter out = new StringWriter();
        new ReportWriter().write(report, out);
        return out.toString();
    }

    private static AuditReport read(String json) throws IOException {
        return new ReportReader().read(new StringReader(json));
    }

    @Test
    void aReportWrittenToAWriterReadsBackEqual() throws IOException {
        AuditReport report = sampleReport();

        AuditReport back = read(write(report));

        assertThat(back).isEqualTo(report);
        assertThat(back.caches().get(0).verifications()).isNull();
        assertThat(back.caches().get(1).verifications()).isEqualTo(new CacheReport.Verifications(8, 1, 2));
        assertThat(back.findings().get(1).readKey()).isNull();
        assertThat(back.findings().get(1).writeKey()).isNull();
        assertThat(back.findings().get(1).evidence()).isEmpty();
        assertThat(back.findingsAtLeast(Severity.ERROR))
                .extracting(Finding::kind)
                .containsExactly(FindingKind.KEY_MISMATCH);
    }

    @Test
    void aReportWrittenToAFileReadsBackEqualAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        AuditReport report = sampleReport();
        Path file = dir.resolve("nested/cache-audit-report.json");

        new ReportWriter().write(report, file);
        // Writing again replaces the file.
        new ReportWriter().write(report, file);

        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            assertThat(new ReportReader().read(in)).isEqualTo(report);
        }
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void theJsonUsesTheContractFieldNames() throws IOException {
        String json = write(sampleReport());

        assertThat(json).contains("\"schema\" : \"cache-audit-report/1\"");
        for (String field : List.of(
                "application",
                "instance",
                "startedAt",
                "generatedAt",
                "droppedEvents",
                "caches",
                "name",
                "backend",
                "gets",
                "hits",
                "misses",
                "puts",
                "evictions",
                "clears",
                "verifications",
                "fresh",
                "stale",
                "inconclusive",
                "findings",
                "kind",
                "severity",
                "cache",
                "message",
                "readKey",
                "writeKey",
                "sites",
                "count",
                "firstSeen",
                "lastSeen",
                "remediation",
                "signature",
                "evidence")) {
            assertThat(json).as("field %s", field).contains("\"" + field + "\" :");
        }
        assertThat(json)
                .contains("\"kind\" : \"KEY_MISMATCH\"")
                .contains("\"severity\" : \"ERROR\"")
                .contains("\"firstSeen\" : \"2025-03-01T08:01:02.123456789Z\"")
                .contains("\"count\" : 42");
    }

    @Test
    void absentKeysAndEvidenceAreLeftOutRatherThanWrittenAsNull() throws IOException {
        AuditReport report = sampleReport();
        AuditReport onlyBare = new AuditReport(
                report.schema(),
                report.application(),
                report.instance(),
                report.startedAt(),
                report.generatedAt(),
                List.of(report.caches().get(0)),
                List.of(report.findings().get(1)),
                0);

        String json = write(onlyBare);

        assertThat(json).doesNotContain("readKey", "writeKey", "evidence", "verifications", "null");
    }

    static Finding staleRead(Cause cause) {
        return new Finding(
                FindingKind.STALE_READ,
                Severity.ERROR,
                "orders",
                "stale|status",
                "cache 'orders' holds a value that differs from the source of truth in status",
                "{n#1a2b3c4d}",
                null,
                List.of("com.acme.OrderService#ship(long)"),
                1,
                FIRST,
                FIRST,
                FindingKind.STALE_READ.remediation(),
                Map.of("differingFields", "status"),
                Finding.CONFIRMED,
                cause);
    }

    @Test
    void theCauseOfAStaleReadReadsBackEqualAndLinksTheFindingThatExplainsIt() throws IOException {
        AuditReport base = sampleReport();
        Finding uncovered = base.findings().get(0);
        Cause cause = new Cause(
                "KEY_MISMATCH",
                uncovered.id(),
                new Cause.Write("com.acme.Order", "com.acme.OrderService#ship(long)", "host-2:77", "committed", LAST),
                new Cause.Invalidation("evict", "order:{n}", "com.acme.OrderService#ship(long)", "removed nothing"),
                List.of("t+0 load OrderService#find(long)", "t+120ms write OrderService#ship(long) (committed)"));
        Cause none = new Cause(Cause.NO_WRITE_SEEN, null, null, null, List.of("t+0 load", "t+900ms stale read"));
        AuditReport report = new AuditReport(
                base.schema(),
                base.application(),
                base.instance(),
                base.startedAt(),
                base.generatedAt(),
                base.caches(),
                List.of(uncovered, staleRead(cause), staleRead(none)),
                0);

        String json = write(report);
        AuditReport back = read(json);

        assertThat(back).isEqualTo(report);
        assertThat(json)
                .contains("\"id\" : \"" + uncovered.id() + "\"")
                .contains("\"causedBy\" : \"KEY_MISMATCH\"")
                .contains("\"causedByFinding\" : \"" + uncovered.id() + "\"")
                .contains("\"causedBy\" : \"no write seen\"")
                .contains("\"removed\" : \"removed nothing\"")
                .contains("\"timeline\" : [ \"t+0 load OrderService#find(long)\"");
        assertThat(uncovered.id()).matches("[0-9a-f]{12}");
    }

    @Test
    void aReportWrittenBeforeCausesExistedStillReads() throws IOException {
        String old = write(sampleReport()).replaceAll("\"id\" : \"[0-9a-f]+\",", "");

        AuditReport back = read(old);

        assertThat(old).doesNotContain("\"id\"", "causedBy", "timeline");
        assertThat(back).isEqualTo(sampleReport());
        assertThat(back.findings()).allSatisfy(f -> assertThat(f.cause()).isNull());
    }

    @Test
    void unknownFieldsAreIgnored() throws IOException {
        AuditReport report = sampleReport();
        String json = write(report)
                .replaceFirst(
                        "\\{",
                        "{ \"addedLater\" : { \"nested\" : [ 1, 2.5, true, false, null, \"x\" ] }, \"flag\" : true,")
                .replace("\"kind\" :", "\"confidence\" : 0.9, \"kind\" :");

        assertThat(json).contains("addedLater", "confidence");
        assertThat(read(json)).isEqualTo(report);
    }

    @Test
    void aDocumentOfAnotherSchemaIsRejectedWithAMessageNamingBothSchemas() throws IOException {
        String json = write(sampleReport()).replace("cache-audit-report/1", "cache-audit-report/2");

        assertThatIOException()
                .isThrownBy(() -> read(json))
                .withMessageContaining("cache-audit-report/2")
                .withMessageContaining("cache-audit-report/1");
    }

    @Test
    void aDocumentThatIsNotAnObjectIsRejected() {
        assertThatIOException().isThrownBy(() -> read("[1, 2]")).withMessageContaining("JSON object");
        assertThatIOException().isThrownBy(() -> read("")).withMessageContaining("end of report");
    }
}
