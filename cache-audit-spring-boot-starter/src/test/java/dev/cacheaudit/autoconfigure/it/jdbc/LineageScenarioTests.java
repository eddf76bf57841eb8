package dev.cacheaudit.autoconfigure.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cacheaudit.autoconfigure.it.InMemoryCachingApp;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.report.CacheReport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.CacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The lineage scenarios end to end, through a real data source, with no verification: each bug beside its fix, and the
 * caches lineage must leave alone. Subclasses choose the database and the data-access library.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LineageScenarioTests {

    // Wide enough that a fixed path's eviction, a few statements after its write, lands inside it on a loaded machine.
    private static final long WINDOW_MILLIS = 1000;

    private ConfigurableApplicationContext context;

    private CacheAudit audit;

    /** The JDBC URL, user and password of the database; aborts the test when it is not reachable. */
    abstract String[] database();

    /** {@code jdbc} or {@code mybatis}. */
    abstract String library();

    /** Drops what the test created in a shared database. */
    void cleanUp() {}

    /**
     * The write site of a statement run outside any cache-annotated method: the first application frame, which is the
     * store's method with {@code JdbcTemplate} and the calling method with a MyBatis mapper (an interface proxy).
     */
    abstract String outsideSite(String scenarioMethod, String storeMethod);

    @BeforeAll
    void start() {
        String[] database = database();
        context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.main.banner-mode=off",
                        "spring.jmx.enabled=false",
                        "spring.datasource.url=" + database[0],
                        "spring.datasource.username=" + database[1],
                        "spring.datasource.password=" + database[2],
                        "spring.data.redis.repositories.enabled=false",
                        "lineage-test.store=" + library(),
                        "cache-audit.coverage.window=" + WINDOW_MILLIS + "ms")
                .run();
        audit = context.getBean(CacheAudit.class);
        seed(context.getBean(JdbcTemplate.class));
        Scenarios scenarios = context.getBean(Scenarios.class);
        scenarios.itemBug(1);
        scenarios.itemFixed(1);
        scenarios.itemOther(1);
        scenarios.itemOther(2);
        scenarios.itemInTransaction(1);
        scenarios.itemRolledBack(1);
        scenarios.childrenBug(1);
        scenarios.childrenBug(2);
        scenarios.childrenFixed(1);
        scenarios.childrenFixed(2);
        scenarios.childrenEvictFirst(1);
        scenarios.childrenEvictAfter(1);
        scenarios.setting("mode");
        scenarios.computed(3);

        scenarios.renameItemBug(1, "renamed");
        scenarios.renameItemFixed(1, "renamed");
        scenarios.renameItemEvictingOther(1, 2, "renamed");
        scenarios.renameItemInTransaction(1, "renamed");
        assertThatThrownBy(() -> scenarios.renameItemThenFail(1, "renamed")).isInstanceOf(IllegalStateException.class);
        scenarios.moveChildBug(100, 2);
        scenarios.moveChildFixed(100, 1, 2);
        scenarios.addChildEvictingFirst(1, "added");
        scenarios.addChildEvictingAfter(1, "added");
        scenarios.log("done");
        long lastWrite = System.nanoTime();
        // Judged once the coverage window has passed and the engine ticked (about once a second).
        try {
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> System.nanoTime() - lastWrite > (WINDOW_MILLIS + 1500) * 1_000_000
                            && audit.findings().findings().size() >= 5);
        } catch (org.awaitility.core.ConditionTimeoutException ex) {
            // The tests below tell which finding is missing.
        }
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();
    }

    private static void seed(JdbcTemplate jdbc) {
        for (String table : List.of("item_bug", "item_fixed", "item_other", "item_tx", "item_rollback")) {
            jdbc.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name VARCHAR(64))");
            jdbc.update("INSERT INTO " + table + " (id, name) VALUES (1, 'one'), (2, 'two')");
        }
        for (String table : List.of("child_bug", "child_fixed", "child_ei_bug", "child_ei_fixed")) {
            jdbc.execute("CREATE TABLE " + table
                    + " (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, parent_id BIGINT, name VARCHAR(64))");
            jdbc.update("INSERT INTO " + table + " (id, parent_id, name) VALUES (100, 1, 'first'), (101, 1, 'second'),"
                    + " (102, 2, 'third')");
        }
        jdbc.execute("CREATE TABLE setting (k VARCHAR(32) PRIMARY KEY, v VARCHAR(64))");
        jdbc.update("INSERT INTO setting (k, v) VALUES ('mode', 'fast')");
        jdbc.execute("CREATE TABLE audit_log (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                + " message VARCHAR(64))");
    }

    @AfterAll
    void stop() {
        if (context != null) {
            context.close();
        }
        cleanUp();
    }

    @Test
    void updateThatNeverEvictsIsAnUncoveredWriteNamingTableSiteAndKeyColumn() {
        assertThat(findings("item-bug")).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.UNCOVERED_WRITE);
            assertThat(f.sites())
                    .containsExactly(outsideSite("renameItemBug(long,String)", "rename(String,long,String)"));
            assertThat(f.evidence())
                    .containsEntry("table", "item_bug")
                    .containsEntry("write", "update")
                    .containsEntry("transaction", "none")
                    .containsEntry("match", "key columns id");
        });
    }

    @Test
    void updateThatEvictsTheEntryItWritesStaysSilent() {
        assertThat(findings("item-fixed")).isEmpty();
    }

    @Test
    void committedTransactionThatNeverEvictsIsAnUncoveredWriteAndARolledBackOneStaysSilent() {
        assertThat(findings("item-tx")).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.UNCOVERED_WRITE);
            assertThat(f.evidence()).containsEntry("transaction", "committed").containsEntry("table", "item_tx");
            assertThat(f.sites())
                    .containsExactly(outsideSite("renameItemInTransaction(long,String)", "rename(String,long,String)"));
        });
        assertThat(findings("item-rollback")).isEmpty();
    }

    @Test
    void evictionOfAnotherEntryThanTheOneWrittenDoesNotCoverTheWrite() {
        assertThat(findings("item-other")).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.UNCOVERED_WRITE);
            assertThat(f.sites())
                    .containsExactly(Scenarios.class.getName() + "#renameItemEvictingOther(long,long,String)");
        });
    }

    @Test
    void movingAChildThatEvictsOnlyTheNewParentsListLeavesTheOldParentsListUncovered() {
        assertThat(findings("children-bug")).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.UNCOVERED_WRITE);
            assertThat(f.sites()).containsExactly(Scenarios.class.getName() + "#moveChildBug(long,long)");
            assertThat(f.evidence())
                    .containsEntry("table", "child_bug")
                    .containsEntry("match", "key columns parent_id");
            assertThat(f.message()).contains("the entry they left is stale too");
        });
    }

    @Test
    void movingAChildThatEvictsBothParentsListsStaysSilent() {
        assertThat(findings("children-fixed")).isEmpty();
    }

    @Test
    void evictionBeforeAnInsertWithoutTransactionIsTheStaleSetWindow() {
        assertThat(findings("children-ei-bug")).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.EVICT_BEFORE_COMMIT);
            assertThat(f.evidence())
                    .containsEntry("window", "stale-set")
                    .containsEntry("transaction", "none")
                    .containsEntry("write", "insert")
                    .containsEntry("evictSite", Scenarios.class.getName() + "#addChildEvictingFirst(long,String)");
            assertThat(f.sites())
                    .contains(outsideSite("addChildEvictingFirst(long,String)", "insertChild(String,long,String)"));
        });
    }

    @Test
    void insertThenEvictStaysSilent() {
        assertThat(findings("children-ei-fixed")).isEmpty();
    }

    @Test
    void tablesWrittenOnlyAtStartUpReadsWithoutDatabaseAndUnreadTablesStaySilent() {
        assertThat(findings("settings")).isEmpty();
        assertThat(findings("computed")).isEmpty();
        assertThat(audit.findings().findings())
                .extracting(Finding::cache)
                .containsExactlyInAnyOrder("item-bug", "item-tx", "item-other", "children-bug", "children-ei-bug");
    }

    @Test
    void reportShowsTheTablesAndKeyColumnsFeedingEachCache() {
        assertThat(tables("item-bug")).containsExactly(new CacheReport.Table("item_bug", List.of("id"), "loads"));
        assertThat(tables("children-bug"))
                .containsExactly(new CacheReport.Table("child_bug", List.of("parent_id"), "loads"));
        assertThat(tables("settings")).containsExactly(new CacheReport.Table("setting", List.of("k"), "loads"));
        assertThat(tables("computed")).isEmpty();
    }

    private List<CacheReport.Table> tables(String cache) {
        return audit.report().caches().stream()
                .filter(row -> row.name().equals(cache))
                .findFirst()
                .orElseThrow()
                .tables();
    }

    private List<Finding> findings(String cache) {
        return audit.findings().findings().stream()
                .filter(f -> f.cache().equals(cache))
                .toList();
    }

    String scenarioSite(String method) {
        return Scenarios.class.getName() + "#" + method;
    }

    String storeSite(String method) {
        return JdbcStore.class.getName() + "#" + method;
    }

    @InMemoryCachingApp
    static class App {

        @Bean
        Scenarios scenarios(Store store, CacheManager cacheManager) {
            return new Scenarios(store, cacheManager);
        }

        @Bean
        @ConditionalOnProperty(name = "lineage-test.store", havingValue = "jdbc")
        Store jdbcStore(JdbcTemplate jdbc) {
            return new JdbcStore(jdbc);
        }

        @Bean
        @ConditionalOnProperty(name = "lineage-test.store", havingValue = "mybatis")
        Store mybatisStore(SqlSessionTemplate sessions) {
            sessions.getConfiguration().addMapper(Store.class);
            return sessions.getMapper(Store.class);
        }
    }
}
