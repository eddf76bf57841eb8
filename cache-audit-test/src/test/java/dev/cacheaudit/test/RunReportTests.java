package dev.cacheaudit.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.CacheRegistered;
import dev.cacheaudit.core.report.CacheReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The run's report merges what the contexts of the run saw, cache by cache. */
class RunReportTests {

    private final List<CacheAudit> audits = new ArrayList<>();

    @AfterEach
    void stop() {
        audits.forEach(CacheAudit::close);
    }

    @Test
    void aCacheSeenByTwoContextsKeepsTheTablesThatFeedIt() {
        RunReport run = new RunReport();
        run.add(contextWith("users", "users"), List.of(), "first test");
        run.add(contextWith("users", "accounts"), List.of(), "second test");

        assertThat(run.report().caches()).singleElement().satisfies(users -> {
            assertThat(users.name()).isEqualTo("users");
            assertThat(users.tables()).extracting(CacheReport.Table::table).containsExactly("users", "accounts");
        });
    }

    @Test
    void aTableBothContextsNameIsListedOnce() {
        RunReport run = new RunReport();
        run.add(contextWith("users", "users"), List.of(), "first test");
        run.add(contextWith("users", "users"), List.of(), "second test");

        assertThat(run.report().caches()).singleElement().satisfies(users -> assertThat(users.tables())
                .extracting(CacheReport.Table::table)
                .containsExactly("users"));
    }

    private CacheAudit contextWith(String cache, String table) {
        CacheAudit audit = CacheAudit.builder()
                .withoutFindingLog()
                .tables(cache, List.of(table))
                .build()
                .start();
        audits.add(audit);
        audit.submit(
                new CacheRegistered(cache, "in-memory", false, CacheRegistered.KeyComparison.EQUALS, audit.nanoTime()));
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5))).isTrue();
        assertThat(audit.report().caches())
                .as("the context's own report lists the table")
                .singleElement()
                .satisfies(row -> assertThat(row.tables()).isNotEmpty());
        return audit;
    }
}
