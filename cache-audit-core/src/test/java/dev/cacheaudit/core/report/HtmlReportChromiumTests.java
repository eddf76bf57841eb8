package dev.cacheaudit.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Severity;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the HTML report in headless Chromium (Debian's {@code chromium}) and asserts on the page the browser built:
 * the DOM it dumps and a screenshot. Skipped when no Chromium is installed, or when {@code CACHE_AUDIT_BROWSER_TESTS=off}
 * (CI runs it once, on the first of its Maven runs). The screenshot is left at
 * {@code target/cache-audit-report.png}; {@code docs/images/cache-audit-report.png} is a copy of it.
 */
class HtmlReportChromiumTests {

    private static final int WIDTH = 1600;

    private static final int HEIGHT = 1000;

    private static final String HOSTILE_KEY = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">";

    private static Path chromium;

    @BeforeAll
    static void findChromium() {
        assumeFalse(
                "off".equalsIgnoreCase(System.getenv("CACHE_AUDIT_BROWSER_TESTS")),
                "CACHE_AUDIT_BROWSER_TESTS=off: the headless Chromium test of report.html is skipped");
        chromium = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream()
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        assumeTrue(
                chromium != null,
                "No Chromium at /usr/bin/chromium (apt-get install chromium): the browser test of report.html is"
                        + " skipped");
    }

    @Test
    void chromiumRendersFindingsWithEvidenceCachesWithLineageAndRunsNothingFromTheReport(@TempDir Path dir)
            throws Exception {
        Path page = dir.resolve("report.html");
        new HtmlReportWriter().write(report(), page);

        String dom = chromium(dir, "--dump-dom", page.toUri().toString());

        assertThat(dom).contains("<title>cache-audit report: orders-service</title>");
        assertThat(rows(dom, "findings")).hasSize(3);
        assertThat(rows(dom, "caches")).hasSize(2);
        assertThat(text(rows(dom, "findings").get(0)))
                .contains("ERROR", "confirmed", "KEY_MISMATCH", "products")
                .contains("readKeyExpression: #id", "writeKeyExpression: 'p:' + #product.id")
                .contains("products::42", "products::p:42")
                .contains(FindingKind.KEY_MISMATCH.remediation());
        assertThat(text(rows(dom, "findings").get(1)))
                .contains("STALE_READ", "differences: price")
                .contains(HOSTILE_KEY);
        assertThat(text(rows(dom, "findings").get(2))).contains("INFO", "suspected", "NO_EXPIRY");
        assertThat(text(rows(dom, "caches").get(0)))
                .contains("products", "redis", "90.0 %", "8 fresh, 2 stale, 0 inconclusive", "product by id (loads)");
        assertThat(text(rows(dom, "caches").get(1))).contains("users", "map");
        // The hostile key is text in the page: no element was made of it and its handler never ran.
        assertThat(dom).doesNotContain("<img", "data-pwned=\"1\"").contains("<body>");

        Path screenshot = Path.of("target", "cache-audit-report.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        chromium(
                dir,
                "--hide-scrollbars",
                "--window-size=" + WIDTH + "," + HEIGHT,
                "--screenshot=" + screenshot,
                page.toUri().toString());
        assertThat(pngSize(screenshot)).containsExactly(WIDTH, HEIGHT);
        assertThat(Files.size(screenshot)).isGreaterThan(20_000);
    }

    private static String chromium(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile")));
        command.addAll(Arrays.asList(args));
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 60 s: " + command);
        }
        assertThat(process.exitValue()).as("chromium exit code").isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** The body rows of the table with the given class, in order. */
    private static List<String> rows(String dom, String tableClass) {
        Matcher table = Pattern.compile("<table class=\"" + tableClass + "\">(.*?)</table>", Pattern.DOTALL)
                .matcher(dom);
        assertThat(table.find())
                .as("table." + tableClass + " in the rendered page")
                .isTrue();
        List<String> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(table.group(1));
        while (row.find()) {
            if (!row.group(1).contains("<th>")) {
                rows.add(row.group(1));
            }
        }
        return rows;
    }

    /** The text of a DOM fragment as a reader sees it: tags dropped, entities decoded. */
    private static String text(String fragment) {
        return fragment.replaceAll("<[^>]*>", " ")
                .replaceAll("\\s+", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private static int[] pngSize(Path png) throws IOException {
        try (InputStream in = Files.newInputStream(png);
                DataInputStream data = new DataInputStream(in)) {
            byte[] signature = new byte[8];
            data.readFully(signature);
            assertThat(signature).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            data.readInt();
            byte[] type = new byte[4];
            data.readFully(type);
            assertThat(new String(type, StandardCharsets.US_ASCII)).isEqualTo("IHDR");
            return new int[] {data.readInt(), data.readInt()};
        }
    }

    private static AuditReport report() {
        Instant started = Instant.parse("2026-12-01T09:00:00Z");
        Map<String, String> mismatch = new LinkedHashMap<>();
        mismatch.put("readKeyExpression", "#id");
        mismatch.put("writeKeyExpression", "'p:' + #product.id");
        mismatch.put("writeSite", "com.acme.shop.ProductService#rename(Long,String)");
        Finding keyMismatch = new Finding(
                FindingKind.KEY_MISMATCH,
                Severity.ERROR,
                "products",
                "sig-1",
                "@CacheEvict on ProductService#rename evicts 'p:42' but reads cache the product under '42'",
                "products::42",
                "products::p:42",
                List.of("com.acme.shop.ProductService#find(Long)", "com.acme.shop.ProductService#rename(Long,String)"),
                7,
                started.plusSeconds(60),
                started.plusSeconds(300),
                FindingKind.KEY_MISMATCH.remediation(),
                mismatch,
                Finding.CONFIRMED);
        Finding staleRead = new Finding(
                FindingKind.STALE_READ,
                Severity.ERROR,
                "products",
                "sig-2",
                "a read served a value that differed from the database",
                HOSTILE_KEY,
                null,
                List.of("com.acme.shop.ProductController#get(Long)"),
                2,
                started.plusSeconds(120),
                started.plusSeconds(240),
                FindingKind.STALE_READ.remediation(),
                Map.of("differences", "price", "checkedBecause", "sampled read"),
                Finding.CONFIRMED);
        Finding noExpiry = new Finding(
                FindingKind.NO_EXPIRY,
                Severity.INFO,
                "users",
                "sig-3",
                "cache 'users' has no TTL",
                null,
                null,
                List.of(),
                1,
                started,
                started,
                FindingKind.NO_EXPIRY.remediation(),
                Map.of(),
                Finding.SUSPECTED);
        return new AuditReport(
                AuditReport.SCHEMA,
                "orders-service",
                "host-1:4242",
                started,
                started.plusSeconds(600),
                List.of(
                        new CacheReport(
                                "products",
                                "redis",
                                100,
                                90,
                                10,
                                10,
                                3,
                                0,
                                new CacheReport.Verifications(8, 2, 0),
                                List.of(new CacheReport.Table("product", List.of("id"), "loads"))),
                        new CacheReport("users", "map", 4, 3, 1, 1, 0, 0, null)),
                List.of(keyMismatch, staleRead, noExpiry),
                0);
    }
}
