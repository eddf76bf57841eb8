package dev.cacheaudit.autoconfigure.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.testsupport.PostgresServer;
import dev.cacheaudit.testsupport.RequiresPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A source hung in the database itself — {@code pg_sleep} on the local PostgreSQL — times out and is counted; it holds
 * one connection while other reads are refused; the transaction's timeout makes the driver cancel the statement, so
 * verification resumes by itself; shutting down while it sleeps takes under two seconds. Skipped when PostgreSQL is not
 * reachable ({@link PostgresServer}).
 */
@RequiresPostgres
class PostgresHungSourceTests {

    private static final String CACHE = "pg-slow-stock";

    private static final String APPLICATION = "cache-audit-hung-" + System.nanoTime();

    private static long timeouts;

    private static long busy;

    private static int sleepingConnectionsAtMost;

    private static boolean resumedByItself;

    private static long closeMillis;

    @BeforeAll
    static void sleepInTheDatabase() throws SQLException {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.main.banner-mode=off",
                        "spring.jmx.enabled=false",
                        "spring.cache.type=simple",
                        "spring.data.jpa.repositories.enabled=false",
                        "spring.jpa.hibernate.ddl-auto=none",
                        "spring.datasource.url=" + PostgresServer.jdbcUrl("ApplicationName=" + APPLICATION),
                        "spring.datasource.username=postgres",
                        "cache-audit.verification.enabled=true",
                        "cache-audit.verification.sample-rate=1.0",
                        "cache-audit.verification.max-per-second=100000",
                        "cache-audit.verification.timeout=300ms")
                .run();
        SourceReads reads = context.getBean(SourceReads.class);
        SleepingSource source = context.getBean(SleepingSource.class);
        Cache cache = context.getBean(CacheManager.class).getCache(CACHE);
        cache.put(1L, 1);

        source.sleepSeconds = 30;
        long started = System.nanoTime();
        hitUntil(cache, () -> reads.skipped(CACHE, SkipReason.BUSY) >= 20, () -> {
            sleepingConnectionsAtMost = Math.max(sleepingConnectionsAtMost, sleeping());
        });
        timeouts = reads.skipped(CACHE, SkipReason.TIMEOUT);
        busy = reads.skipped(CACHE, SkipReason.BUSY);
        // The transaction times out after a second: the driver cancels the statement, the read returns by itself.
        hitUntil(cache, () -> !reads.reading(), () -> {});
        resumedByItself = Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(10)) < 0;

        hitUntil(cache, () -> reads.reading(), () -> {});
        long closing = System.nanoTime();
        context.close();
        closeMillis = Duration.ofNanos(System.nanoTime() - closing).toMillis();
    }

    @Test
    void sleepingSourceTimesOutAndIsCounted() {
        assertThat(timeouts).isEqualTo(1);
        assertThat(busy).isGreaterThanOrEqualTo(20);
    }

    @Test
    void sleepingSourceHoldsOneConnectionAtMost() {
        assertThat(sleepingConnectionsAtMost).isEqualTo(1);
    }

    @Test
    void statementIsCancelledByTheTransactionTimeoutAndVerificationResumes() {
        assertThat(resumedByItself).isTrue();
    }

    @Test
    void closeReturnsWithinTwoSecondsWhileTheDatabaseSleeps() {
        assertThat(closeMillis).isLessThan(2_000);
    }

    private static int sleeping() {
        try (Connection connection = DriverManager.getConnection(PostgresServer.jdbcUrl(), "postgres", "")) {
            var statement = connection.prepareStatement("select count(*) from pg_stat_activity"
                    + " where application_name = ? and state = 'active' and query like '%pg_sleep%'");
            statement.setString(1, APPLICATION);
            var result = statement.executeQuery();
            result.next();
            return result.getInt(1);
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void hitUntil(Cache cache, BooleanSupplier condition, Runnable meanwhile) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting").isLessThan(deadline);
            assertThat(cache.get(1L)).isNotNull();
            meanwhile.run();
            try {
                Thread.sleep(10);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }

    /** Sleeps in the database before it answers. */
    static class SleepingSource implements dev.cacheaudit.core.verify.SourceOfTruth {

        private final JdbcTemplate jdbc;

        volatile int sleepSeconds;

        SleepingSource(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public String cache() {
            return CACHE;
        }

        @Override
        public @Nullable Object load(Object key) {
            jdbc.queryForObject("select pg_sleep(?) is not null", Boolean.class, sleepSeconds);
            return 1;
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableCaching
    static class App {

        @Bean
        SleepingSource sleepingSource(JdbcTemplate jdbc) {
            return new SleepingSource(jdbc);
        }
    }
}
