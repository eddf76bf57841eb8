package dev.cacheaudit.autoconfigure.it.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.CacheAuditBuilderCustomizer;
import dev.cacheaudit.autoconfigure.testsupport.RecordingDetector;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.Ticker;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.CacheRead;
import dev.cacheaudit.core.event.DeclaredOperations;
import dev.cacheaudit.core.event.SourceWrite;
import dev.cacheaudit.core.event.SqlStatement;
import dev.cacheaudit.core.event.TxBoundary;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
 * Recording of Spring Data repository writes and of cached repository query methods, on H2 through JPA. The auditor
 * runs on a ticker of the test's, far from {@link System#nanoTime()}, that moves only when a test moves it: the
 * recorders stamp events with it.
 */
class RepositoryWriteRecordingTests {

    /** About 127 years of uptime: no system ticker reads this. */
    private static final long START = 4_000_000_000_000_000_000L;

    private static final AtomicLong NOW = new AtomicLong(START);

    private static ConfigurableApplicationContext context;

    private static AccountRepository accounts;

    private static RecordingDetector recorded;

    private static CacheAudit audit;

    /** What the annotation scan declared at start-up, before the first test forgot it. */
    private static List<DeclaredOperations> startup;

    @BeforeAll
    static void start() {
        context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.main.banner-mode=off",
                        "spring.jmx.enabled=false",
                        "spring.cache.type=simple",
                        "spring.datasource.url=jdbc:h2:mem:writes-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                        "spring.jpa.open-in-view=false")
                .run();
        accounts = context.getBean(AccountRepository.class);
        recorded = context.getBean(RecordingDetector.class);
        audit = context.getBean(CacheAudit.class);
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();
        startup = recorded.events(DeclaredOperations.class).toList();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @BeforeEach
    void forget() {
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();
        recorded.clear();
    }

    @Test
    void saveRecordsTheEntityTypeItsAssignedIdAndTheWritePath() {
        Account saved = accounts.save(new Account("ada"));
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();

        SourceWrite write = recorded.events(SourceWrite.class).findFirst().orElseThrow();
        assertThat(write.entity()).isEqualTo(Account.class.getName());
        assertThat(write.id()).isEqualTo(saved.getId());
        assertThat(write.kind()).isEqualTo(SourceWrite.Kind.SAVE);
        assertThat(write.site())
                .isEqualTo(RepositoryWriteRecordingTests.class.getName()
                        + "#saveRecordsTheEntityTypeItsAssignedIdAndTheWritePath()");
    }

    @Test
    void saveAllRecordsOneWritePerEntity() {
        List<Account> saved = accounts.saveAll(List.of(new Account("a"), new Account("b")));
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();

        // The repository advice and Hibernate's flush listener both see each insert; the detectors count it once.
        assertThat(recorded.events(SourceWrite.class).map(SourceWrite::id).distinct())
                .containsExactlyInAnyOrder(saved.get(0).getId(), saved.get(1).getId());
    }

    @Test
    void deleteByIdRecordsTheId() {
        Account saved = accounts.save(new Account("gone"));
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();
        recorded.clear();
        accounts.deleteById(saved.getId());
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();

        SourceWrite write = recorded.events(SourceWrite.class).findFirst().orElseThrow();
        assertThat(write.kind()).isEqualTo(SourceWrite.Kind.DELETE);
        assertThat(write.id()).isEqualTo(saved.getId());
    }

    @Test
    void modifyingQueryIsRecordedAsABulkWriteOfTheDomainType() {
        accounts.rename(1L, "x");
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();

        SourceWrite write = recorded.events(SourceWrite.class).findFirst().orElseThrow();
        assertThat(write.kind()).isEqualTo(SourceWrite.Kind.BULK);
        assertThat(write.entity()).isEqualTo(Account.class.getName());
        assertThat(write.id()).isNull();
    }

    @Test
    void writesInsideATransactionCarryItsIdAndItsCommitIsRecorded() {
        TransactionTemplate tx = context.getBean(TransactionTemplate.class);
        tx.executeWithoutResult(status -> accounts.save(new Account("in-tx")));
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();

        SourceWrite write = recorded.events(SourceWrite.class).findFirst().orElseThrow();
        assertThat(write.tx().active()).isTrue();
        TxBoundary boundary = recorded.events(TxBoundary.class).findFirst().orElseThrow();
        assertThat(boundary.txId()).isEqualTo(write.tx().txId());
        assertThat(boundary.outcome()).isEqualTo(TxBoundary.Outcome.COMMITTED);
    }

    @Test
    void theAnnotationScanStampsItsDeclarationsWithTheAuditsTicker() {
        assertThat(startup).isNotEmpty().allSatisfy(declared -> assertThat(declared.nanos())
                .isEqualTo(START));
    }

    @Test
    void aTransactionalWriteIsStampedWithTheAuditsTicker() {
        long writeTime = NOW.addAndGet(Duration.ofMinutes(1).toNanos());
        TransactionTemplate tx = context.getBean(TransactionTemplate.class);
        tx.executeWithoutResult(status -> accounts.save(new Account("stamped")));
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();

        // The repository advice and Hibernate's flush listener both record the insert.
        assertThat(recorded.events(SourceWrite.class).filter(write -> write.nanos() == writeTime))
                .hasSize(2);
        assertThat(recorded.events(SqlStatement.class).filter(statement -> statement.nanos() == writeTime))
                .isNotEmpty();
        assertThat(recorded.events(TxBoundary.class).filter(boundary -> boundary.nanos() == writeTime))
                .singleElement()
                .satisfies(boundary -> assertThat(boundary.outcome()).isEqualTo(TxBoundary.Outcome.COMMITTED));
    }

    @Test
    void aMissAndTheLoadedValuesPutAreStampedWithTheAuditsTicker() {
        long readTime = NOW.addAndGet(Duration.ofMinutes(1).toNanos());
        accounts.findByName("stamped-read");
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();

        assertThat(recorded.events(CacheRead.class).filter(read -> read.nanos() == readTime))
                .singleElement()
                .satisfies(read -> assertThat(read.hit()).isFalse());
        assertThat(recorded.events(CachePut.class).filter(put -> put.nanos() == readTime))
                .singleElement()
                .satisfies(put -> assertThat(put.cache()).isEqualTo("accountsByName"));
    }

    @Test
    void cachedRepositoryQueryMethodIsRecordedWithTheRepositoryMethodAsSite() {
        accounts.findByName("nobody");
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();

        CacheRead read = recorded.events(CacheRead.class).findFirst().orElseThrow();
        assertThat(read.cache()).isEqualTo("accountsByName");
        assertThat(read.key()).isEqualTo("nobody");
        assertThat(read.site()).isEqualTo(AccountRepository.class.getName() + "#findByName(String)");
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
