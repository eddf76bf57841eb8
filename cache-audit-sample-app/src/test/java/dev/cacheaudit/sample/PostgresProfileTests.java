package dev.cacheaudit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.report.AuditReport;
import dev.cacheaudit.core.report.ReportReader;
import dev.cacheaudit.sample.demo.Demo;
import dev.cacheaudit.testsupport.PostgresServer;
import dev.cacheaudit.testsupport.RequiresPostgres;
import dev.cacheaudit.testsupport.RequiresRedis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The fixed demo on PostgreSQL (the {@code postgres} profile) instead of H2: same traffic, no findings. Runs against
 * the tests' server ({@link PostgresServer}) in a schema of its own, dropped afterwards; skipped with a message when
 * PostgreSQL is not reachable there.
 */
@RequiresPostgres
@RequiresRedis
class PostgresProfileTests {

    private static final String SCHEMA =
            "cache_audit_it_" + UUID.randomUUID().toString().replace("-", "");

    @TempDir
    static Path reports;

    private static boolean schemaCreated;

    private static int exitCode;

    private static String output;

    @BeforeAll
    static void runTheDemoOnPostgres() throws SQLException {
        try (Connection connection = DriverManager.getConnection(PostgresServer.jdbcUrl(), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("create schema " + SCHEMA);
            schemaCreated = true;
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        ConfigurableApplicationContext context = SampleApps.start(
                out,
                "--demo",
                "--spring.profiles.active=postgres",
                "--spring.datasource.url=" + PostgresServer.jdbcUrl("currentSchema=" + SCHEMA),
                "--spring.jpa.hibernate.ddl-auto=create-drop",
                "--cache-audit.report.path=" + reports.resolve("report.json"));
        exitCode = Demo.runAndClose(context, out);
        output = printed.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void dropTheSchema() throws SQLException {
        // Without the schema there is nothing to drop, and connecting again would only add a second error to the first.
        if (!schemaCreated) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(PostgresServer.jdbcUrl(), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    @Test
    void fixedDemoOnPostgresExitsCleanlyWithNoFindings() throws Exception {
        assertThat(exitCode).isZero();
        assertThat(output).contains("no findings");
        try (Reader in = Files.newBufferedReader(reports.resolve("report.json"), StandardCharsets.UTF_8)) {
            AuditReport report = new ReportReader().read(in);
            assertThat(report.findings()).isEmpty();
            assertThat(report.caches())
                    .anySatisfy(cache -> assertThat(cache.hits()).isPositive());
        }
    }
}
