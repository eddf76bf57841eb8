package dev.cacheaudit.autoconfigure.it.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.testsupport.RecordingDetector;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.CacheRead;
import dev.cacheaudit.core.event.SourceWrite;
import dev.cacheaudit.core.event.TxBoundary;
import java.time.Duration;
import java.util.List;
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

/** Recording of Spring Data repository writes and of cached repository query methods, on H2 through JPA. */
class RepositoryWriteRecordingTests {

    private static ConfigurableApplicationContext context;

    private static AccountRepository accounts;

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
                        "spring.datasource.url=jdbc:h2:mem:writes-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                        "spring.jpa.open-in-view=false")
                .run();
        accounts = context.getBean(AccountRepository.class);
        recorded = context.getBean(RecordingDetector.class);
        audit = context.getBean(CacheAudit.class);
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
    }
}
