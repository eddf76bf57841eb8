package dev.cacheaudit.autoconfigure.it.tx;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.cacheaudit.autoconfigure.verify.SkipReason;
import dev.cacheaudit.autoconfigure.verify.SourceReads;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.VerificationOutcome.Outcome;
import dev.cacheaudit.core.verify.SourceOfTruth;
import dev.cacheaudit.core.verify.VerificationStats;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
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
 * A source that hangs — it takes a connection, reads, then waits and ignores interrupts, as a read stuck on a socket
 * does — times out and is counted; while it hangs, further reads are refused at once, so it holds one connection and no
 * more; once it returns, verification resumes; and shutting down while it still hangs takes under two seconds.
 */
class VerificationTimeoutTests {

    private static final String CACHE = "slow-stock";

    private static HangingSource source;

    private static long busyWhileHung;

    private static long timeoutsWhileHung;

    private static int activeConnectionsWhileHung;

    private static int loadsWhileHung;

    private static long freshAfterRelease;

    private static long closeMillis;

    private static long timeoutsAfterRelease;

    @BeforeAll
    static void hangTheSourceThenReleaseItThenHangItAgainAndShutDown() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.main.banner-mode=off",
                        "spring.jmx.enabled=false",
                        "spring.cache.type=simple",
                        "spring.data.jpa.repositories.enabled=false",
                        "spring.datasource.url=jdbc:h2:mem:timeout-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                        "cache-audit.verification.enabled=true",
                        "cache-audit.verification.sample-rate=1.0",
                        "cache-audit.verification.max-per-second=100000",
                        "cache-audit.verification.timeout=300ms")
                .run();
        CacheAudit audit = context.getBean(CacheAudit.class);
        SourceReads reads = context.getBean(SourceReads.class);
        VerificationStats stats = audit.verificationStats();
        HikariDataSource pool = context.getBean(HikariDataSource.class);
        source = context.getBean(HangingSource.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        jdbc.execute("create table stock (id bigint primary key, level int)");
        jdbc.update("insert into stock values (1, 7)");
        Cache cache = context.getBean(CacheManager.class).getCache(CACHE);
        cache.put(1L, 7);

        source.hang();
        // The first read may still be opening its transaction when it times out; it hangs once in the source.
        hitUntil(cache, () -> source.loads.get() > 0 && reads.skipped(CACHE, SkipReason.BUSY) >= 20);
        timeoutsWhileHung = reads.skipped(CACHE, SkipReason.TIMEOUT);
        busyWhileHung = reads.skipped(CACHE, SkipReason.BUSY);
        activeConnectionsWhileHung = pool.getHikariPoolMXBean().getActiveConnections();
        loadsWhileHung = source.loads.get();

        source.release();
        hitUntil(cache, () -> stats.count(CACHE, Outcome.FRESH) > 0);
        freshAfterRelease = stats.count(CACHE, Outcome.FRESH);
        timeoutsAfterRelease = reads.skipped(CACHE, SkipReason.TIMEOUT);

        source.hang();
        hitUntil(cache, () -> reads.skipped(CACHE, SkipReason.TIMEOUT) > timeoutsAfterRelease);
        long started = System.nanoTime();
        context.close();
        closeMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        source.release();
    }

    @Test
    void hungSourceTimesOutAndIsCounted() {
        assertThat(timeoutsWhileHung).isEqualTo(1);
    }

    @Test
    void hungSourceHoldsOneConnectionAndNoOtherReadStarts() {
        assertThat(busyWhileHung).isGreaterThanOrEqualTo(20);
        assertThat(loadsWhileHung).isEqualTo(1);
        assertThat(activeConnectionsWhileHung).isEqualTo(1);
    }

    @Test
    void verificationResumesOnceTheSourceAnswers() {
        assertThat(freshAfterRelease).isPositive();
    }

    @Test
    void closeReturnsWithinTwoSecondsWhileTheSourceHangs() {
        assertThat(closeMillis).isLessThan(2_000);
    }

    private static void hitUntil(Cache cache, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting").isLessThan(deadline);
            assertThat(cache.get(1L)).isNotNull();
            try {
                Thread.sleep(10);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }

    /** Reads the level in the verifier's transaction, then hangs until released, ignoring interrupts. */
    static class HangingSource implements SourceOfTruth {

        final AtomicInteger loads = new AtomicInteger();

        private final JdbcTemplate jdbc;

        private volatile CountDownLatch released = new CountDownLatch(0);

        HangingSource(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        void hang() {
            released = new CountDownLatch(1);
        }

        void release() {
            released.countDown();
        }

        @Override
        public String cache() {
            return CACHE;
        }

        @Override
        public @Nullable Object load(Object key) {
            loads.incrementAndGet();
            Integer level = jdbc.queryForObject("select level from stock where id = ?", Integer.class, key);
            CountDownLatch latch = released;
            while (latch.getCount() > 0) {
                try {
                    latch.await();
                } catch (InterruptedException ex) {
                    // A socket read does not notice interrupts either.
                }
            }
            return level;
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableCaching
    static class App {

        @Bean
        HangingSource hangingSource(JdbcTemplate jdbc) {
            return new HangingSource(jdbc);
        }
    }
}
