package dev.cacheaudit.autoconfigure.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.VerificationOutcome.Outcome;
import dev.cacheaudit.core.verify.VerificationStats;
import dev.cacheaudit.testsupport.PostgresServer;
import dev.cacheaudit.testsupport.RequiresPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database becomes unreachable while verification runs: on the local PostgreSQL, the login role the application
 * uses (one of the test's own, owning a schema of its own, so no other session is touched) is made {@code NOLOGIN} and
 * every backend of that role is terminated with {@code pg_terminate_backend}, again and again, for a while; then the role
 * may log in again. An audited application (verification of every hit, the loading method re-made against PostgreSQL)
 * and an unaudited one (cache-audit disabled) of the same code, on the same database, get the same traffic step by
 * step: cache hits, whose verification needs the database, and misses, which need it themselves. Asserted: every step
 * gives both callers the same answer (or both a data-access exception); the verifier's failed reads are counted by
 * reason and as inconclusive checks, none as an internal error of the auditor; once the database answers again checks
 * come out fresh again. Skipped when PostgreSQL is not reachable ({@link PostgresServer}).
 */
@RequiresPostgres
class PostgresUnreachableFaultTests {

    private static final String CACHE = "pg-fault-stock";

    private static final String NAME = "dbfault_" + System.nanoTime();

    private static final int ROWS = 20;

    private static ConfigurableApplicationContext audited;

    private static ConfigurableApplicationContext unaudited;

    private static final List<String> mismatches = new ArrayList<>();

    private static int steps;

    private static int failedStepsDuringFault;

    private static long faultsCounted;

    private static long inconclusiveDuringFault;

    private static long freshBefore;

    private static long freshAfter;

    private static boolean hostAnswersMissesAfterwards;

    @BeforeAll
    static void cutTheDatabaseOffDuringTraffic() throws Exception {
        admin(
                "CREATE ROLE " + NAME + " LOGIN",
                "CREATE SCHEMA " + NAME + " AUTHORIZATION " + NAME,
                "CREATE TABLE " + NAME + ".stock (id bigint primary key, quantity int not null)",
                "ALTER TABLE " + NAME + ".stock OWNER TO " + NAME,
                "INSERT INTO " + NAME + ".stock SELECT i, i * 10 FROM generate_series(1, " + (ROWS * 2) + ") i");
        audited = start(true);
        unaudited = start(false);
        Stock auditedStock = audited.getBean(Stock.class);
        Stock unauditedStock = unaudited.getBean(Stock.class);
        SourceReads reads = audited.getBean(SourceReads.class);
        VerificationStats stats =
                Objects.requireNonNull(audited.getBean(CacheAudit.class).verificationStats());

        // Warm up: rows 1..ROWS are cached in both; hits are verified against the database and found fresh.
        for (long id = 1; id <= ROWS; id++) {
            step(auditedStock, unauditedStock, id);
        }
        await(() -> stats.count(CACHE, Outcome.FRESH) >= ROWS, () -> step(auditedStock, unauditedStock, 1));
        freshBefore = stats.count(CACHE, Outcome.FRESH);
        long inconclusiveBefore = stats.count(CACHE, Outcome.INCONCLUSIVE);
        long internalBefore = internalErrors();

        // The fault: the role cannot log in, and each of its connections is terminated, for two seconds of traffic.
        admin("ALTER ROLE " + NAME + " NOLOGIN");
        long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        int turn = 0;
        while (System.nanoTime() < until) {
            terminateConnections();
            // Mostly hits (the verifier goes to the database), now and then a miss (the host goes there itself).
            long id = turn % 5 == 4 ? ROWS + 1 + (turn % ROWS) : 1 + (turn % ROWS);
            if (step(auditedStock, unauditedStock, id)) {
                failedStepsDuringFault++;
            }
            turn++;
            Thread.sleep(5);
        }
        awaitQuietVerifier(reads);
        faultsCounted = reads.skipped(CACHE, SkipReason.FAILED)
                + reads.skipped(CACHE, SkipReason.TIMEOUT)
                + reads.skipped(CACHE, SkipReason.BUSY);
        inconclusiveDuringFault = stats.count(CACHE, Outcome.INCONCLUSIVE) - inconclusiveBefore;
        assertThat(internalErrors()).as("internal errors of the auditor").isEqualTo(internalBefore);

        // The database answers again: checks are fresh again, misses load again.
        admin("ALTER ROLE " + NAME + " LOGIN");
        long freshAtRecovery = stats.count(CACHE, Outcome.FRESH);
        await(() -> stats.count(CACHE, Outcome.FRESH) >= freshAtRecovery + ROWS, () -> {
            for (long id = 1; id <= ROWS; id++) {
                step(auditedStock, unauditedStock, id);
            }
        });
        freshAfter = stats.count(CACHE, Outcome.FRESH) - freshAtRecovery;
        // Each pool takes its time to connect again, the unaudited one's as well: wait for both before a miss.
        await(() -> connects(audited) && connects(unaudited), () -> {});
        hostAnswersMissesAfterwards = !step(auditedStock, unauditedStock, ROWS * 2);
    }

    @AfterAll
    static void dropEverything() throws SQLException {
        if (audited != null) {
            audited.close();
        }
        if (unaudited != null) {
            unaudited.close();
        }
        // Unless the server went away meanwhile: then there is nothing to drop, and trying would hide the real failure.
        if (reachable()) {
            terminateConnections();
            admin("DROP SCHEMA IF EXISTS " + NAME + " CASCADE", "DROP ROLE IF EXISTS " + NAME);
        }
    }

    @Test
    void bothCallersGetTheSameAnswersAndExceptionsBeforeDuringAndAfterTheFault() {
        assertThat(steps).isGreaterThan(ROWS * 3);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theFaultReallyReachedTheHostOnMisses() {
        // Proves the database was unreachable: misses during the fault failed for both callers alike.
        assertThat(failedStepsDuringFault).isPositive();
    }

    @Test
    void failedReadsOfTheVerifierAreCountedAsInconclusiveChecks() {
        assertThat(faultsCounted).isPositive();
        assertThat(inconclusiveDuringFault).isPositive();
    }

    @Test
    void verificationResumesOnceTheDatabaseAnswers() {
        assertThat(freshBefore).isGreaterThanOrEqualTo(ROWS);
        assertThat(freshAfter).isGreaterThanOrEqualTo(ROWS);
        assertThat(hostAnswersMissesAfterwards).isTrue();
    }

    /** One step of traffic on both applications; records any difference; says whether both callers failed. */
    private static boolean step(Stock auditedStock, Stock unauditedStock, long id) {
        steps++;
        String one = answer(auditedStock, id);
        String other = answer(unauditedStock, id);
        if (!one.equals(other)) {
            mismatches.add("id " + id + ": audited " + one + ", unaudited " + other);
        }
        return one.startsWith("threw") && other.startsWith("threw");
    }

    /**
     * What a caller got. Which data-access exception a dead connection gives depends on the moment it died (a refused
     * login or a terminated backend), not on the auditor; the auditor's own exceptions are none of those.
     */
    private static String answer(Stock stock, long id) {
        try {
            return "value " + stock.quantity(id);
        } catch (org.springframework.dao.DataAccessException ex) {
            return "threw a DataAccessException";
        } catch (RuntimeException ex) {
            return "threw " + ex.getClass().getName();
        }
    }

    private static long internalErrors() {
        return audited.getBean(CacheAudit.class).engine().errors().total();
    }

    private static void awaitQuietVerifier(SourceReads reads) {
        await(() -> !reads.reading(), () -> {});
        assertThat(audited.getBean(CacheAudit.class).awaitQuiescence(Duration.ofSeconds(2)))
                .as("events analysed")
                .isTrue();
    }

    private static void await(BooleanSupplier condition, Runnable meanwhile) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting").isLessThan(deadline);
            meanwhile.run();
            try {
                Thread.sleep(10);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }

    private static ConfigurableApplicationContext start(boolean audit) {
        return new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.main.banner-mode=off",
                        "spring.jmx.enabled=false",
                        "spring.cache.type=simple",
                        "spring.data.jpa.repositories.enabled=false",
                        "spring.jpa.hibernate.ddl-auto=none",
                        "spring.datasource.url="
                                + PostgresServer.jdbcUrl("currentSchema=" + NAME + "&ApplicationName=" + NAME),
                        "spring.datasource.username=" + NAME,
                        "spring.datasource.hikari.connection-timeout=250",
                        "spring.datasource.hikari.maximum-pool-size=2",
                        "cache-audit.enabled=" + audit,
                        "cache-audit.verification.enabled=true",
                        "cache-audit.verification.sample-rate=1.0",
                        "cache-audit.verification.max-per-second=100000",
                        "cache-audit.verification.timeout=1s")
                .run();
    }

    private static boolean connects(ConfigurableApplicationContext context) {
        try (Connection connection = context.getBean(javax.sql.DataSource.class).getConnection()) {
            return connection.isValid(1);
        } catch (SQLException ex) {
            return false;
        }
    }

    private static boolean reachable() {
        try (Connection connection = DriverManager.getConnection(PostgresServer.jdbcUrl(), "postgres", "")) {
            return connection.isValid(1);
        } catch (SQLException ex) {
            return false;
        }
    }

    /** Terminates the backends of the test's own role, and no other. */
    private static void terminateConnections() {
        try {
            admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + NAME + "'");
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void admin(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(PostgresServer.jdbcUrl(), "postgres", "");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Reads the stock of an item from PostgreSQL; its result is cached. */
    static class Stock {

        private final JdbcTemplate jdbc;

        Stock(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Cacheable(CACHE)
        public Integer quantity(long id) {
            return jdbc.queryForObject("select quantity from stock where id = ?", Integer.class, id);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableCaching
    static class App {

        @Bean
        Stock stock(JdbcTemplate jdbc) {
            return new Stock(jdbc);
        }
    }
}
