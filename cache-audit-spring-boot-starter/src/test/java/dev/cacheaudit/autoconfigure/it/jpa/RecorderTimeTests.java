package dev.cacheaudit.autoconfigure.it.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.CacheAuditBuilderCustomizer;
import dev.cacheaudit.autoconfigure.testsupport.RecordingDetector;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.engine.Ticker;
import dev.cacheaudit.core.event.DeclaredOperations;
import dev.cacheaudit.core.event.SourceWrite;
import dev.cacheaudit.core.event.SqlStatement;
import dev.cacheaudit.core.event.TxBoundary;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The recorders stamp events with the time the auditor runs on: a ticker given to its builder governs the repository
 * advice, Hibernate's listener, the transaction probe, the SQL recorder and the annotation scanner alike. The ticker
 * here stands far from {@link System#nanoTime()} and moves only when the test moves it.
 */
class RecorderTimeTests {

    /** About 127 years of uptime: no system ticker reads this. */
    private static final long START = 4_000_000_000_000_000_000L;

    private static final AtomicLong NOW = new AtomicLong(START);

    private static ConfigurableApplicationContext context;

    private static RecordingDetector recorded;

    private static CacheAudit audit;

    @BeforeAll
    static void start() {
        context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.main.banner-mode=off",
                        "spring.jmx.enabled=false",
                        "spring.cache.type=simple",
                        "spring.datasource.url=jdbc:h2:mem:time-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                        "spring.jpa.open-in-view=false")
                .run();
        recorded = context.getBean(RecordingDetector.class);
        audit = context.getBean(CacheAudit.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void theAnnotationScanStampsItsDeclarationsWithTheAuditsTicker() {
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();

        assertThat(recorded.events(DeclaredOperations.class))
                .isNotEmpty()
                .allSatisfy(declared -> assertThat(declared.nanos()).isEqualTo(START));
    }

    @Test
    void aTransactionalRepositoryWriteIsStampedWithTheAuditsTicker() {
        long writeTime = NOW.addAndGet(Duration.ofMinutes(1).toNanos());
        context.getBean(TransactionTemplate.class)
                .executeWithoutResult(
                        status -> context.getBean(AccountRepository.class).save(new Account("stamped")));
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();

        // The repository advice and Hibernate's flush listener both record the insert.
        assertThat(recorded.events(SourceWrite.class).filter(write -> write.nanos() == writeTime))
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(recorded.events(SqlStatement.class).filter(statement -> statement.nanos() == writeTime))
                .isNotEmpty();
        assertThat(recorded.events(TxBoundary.class).filter(boundary -> boundary.nanos() == writeTime))
                .singleElement()
                .satisfies(boundary -> assertThat(boundary.outcome()).isEqualTo(TxBoundary.Outcome.COMMITTED));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableCaching
    static class App {

        @Bean
        RecordingDetector recordingDetector() {
            return new RecordingDetector();
        }

        @Bean
        CacheAuditBuilderCustomizer manualTicker() {
            Ticker ticker = NOW::get;
            return builder -> builder.ticker(ticker);
        }
    }
}
