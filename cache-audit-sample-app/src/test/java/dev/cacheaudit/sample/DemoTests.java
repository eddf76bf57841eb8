package dev.cacheaudit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.sample.demo.Demo;
import dev.cacheaudit.testsupport.RequiresRedis;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** The {@code --demo} run as {@code main} does it, up to but without {@code System.exit}. */
@RequiresRedis
class DemoTests {

    @TempDir
    static Path directory;

    private static ConfigurableApplicationContext context;

    private static int exitCode;

    private static String output;

    private static List<Finding> findings = List.of();

    private static Path reportFile;

    @BeforeAll
    static void runTheDemo() {
        reportFile = directory.resolve("report.json");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        context = SampleApps.start(out, "--demo", "--cache-audit.report.path=" + reportFile);
        CacheAudit audit = context.getBean(CacheAudit.class);
        exitCode = Demo.runAndClose(context, out);
        findings = audit.findings().findings();
        output = bytes.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void close() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void demoExitsCleanlyAndClosesTheContext() {
        assertThat(exitCode).isZero();
        assertThat(context.isActive()).isFalse();
    }

    @Test
    void demoPrintsTheCacheStatisticsWithVerificationOutcomes() {
        assertThat(output)
                .contains("Traffic: ")
                .contains(" 0 stale answers")
                .containsPattern("cache +backend +gets +hits +misses +puts +evictions +clears +verifications")
                .containsPattern("users +redis +(\\d+ +){6}\\d+ fresh, \\d+ stale, \\d+ inconclusive")
                .containsPattern("orders +redis +\\d+")
                .doesNotContain("falls back");
    }

    @Test
    void demoFindsNothing() {
        assertThat(findings).isEmpty();
    }

    @Test
    void demoPrintsNoFindings() {
        assertThat(output).contains("no findings");
    }

    @Test
    void closingTheContextWritesTheReport() throws IOException {
        assertThat(reportFile).exists();
        assertThat(Files.readString(reportFile))
                .contains("\"schema\" : \"cache-audit-report/1\"")
                .contains("\"name\" : \"usersByEmail\"");
    }
}
