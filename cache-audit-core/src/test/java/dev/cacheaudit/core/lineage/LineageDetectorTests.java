package dev.cacheaudit.core.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.StateLimits;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.CacheEvict;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.CacheRead;
import dev.cacheaudit.core.event.EntityHeld;
import dev.cacheaudit.core.event.SourceWrite;
import dev.cacheaudit.core.event.SqlStatement;
import dev.cacheaudit.core.event.TxBoundary;
import dev.cacheaudit.core.event.TxState;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Observation;
import dev.cacheaudit.core.internal.state.AuditState;
import dev.cacheaudit.core.keys.KeyDecomposer;
import dev.cacheaudit.core.keys.KeyRedactor;
import dev.cacheaudit.core.lineage.ParsedSql.Operand;
import dev.cacheaudit.core.lineage.ParsedSql.Operation;
import dev.cacheaudit.core.lineage.ParsedSql.TableAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The lineage detector fed synchronously, with statements parsed by a table of known forms. */
class LineageDetectorTests {

    private static final long WINDOW = Duration.ofMillis(100).toNanos();

    private static final String SELECT_CHILDREN = "select children";

    private static final String MOVE_CHILD = "move child";

    private static final String RENAME_CHILD = "rename child";

    private static final String INSERT_CHILD = "insert child";

    private static final String INSERT_LOG = "insert log";

    private static final String RENAME_CHILD_BY_ID = "rename child by id";

    private final Map<String, ParsedSql> forms = new HashMap<>();

    private final Lineage lineage = new Lineage(8);

    private final LineageDetector detector =
            new LineageDetector(forms::get, lineage, new KeyRedactor(KeyRedactor.Mode.PLAIN), Duration.ofNanos(WINDOW));

    private final AuditState state = new AuditState(StateLimits.DEFAULTS, KeyDecomposer.NONE);

    private final List<Observation> observations = new ArrayList<>();

    private long clock = 1_000_000_000L;

    LineageDetectorTests() {
        forms.put(
                SELECT_CHILDREN,
                new ParsedSql(
                        Operation.SELECT,
                        List.of(new TableAccess("child", false, Map.of("parent_id", Operand.parameter(0)), Map.of()))));
        forms.put(
                MOVE_CHILD,
                new ParsedSql(
                        Operation.UPDATE,
                        List.of(new TableAccess(
                                "child",
                                true,
                                Map.of("id", Operand.parameter(1)),
                                Map.of("parent_id", Operand.parameter(0))))));
        forms.put(
                RENAME_CHILD,
                new ParsedSql(
                        Operation.UPDATE,
                        List.of(new TableAccess(
                                "child",
                                true,
                                Map.of("parent_id", Operand.parameter(1)),
                                Map.of("name", Operand.parameter(0))))));
        forms.put(
                INSERT_CHILD,
                new ParsedSql(
                        Operation.INSERT,
                        List.of(new TableAccess("child", true, Map.of(), Map.of("parent_id", Operand.parameter(0))))));
        forms.put(
                RENAME_CHILD_BY_ID,
                new ParsedSql(
                        Operation.UPDATE,
                        List.of(new TableAccess(
                                "child",
                                true,
                                Map.of("id", Operand.parameter(1)),
                                Map.of("name", Operand.parameter(0))))));
        forms.put(
                INSERT_LOG, new ParsedSql(Operation.INSERT, List.of(new TableAccess("log", true, Map.of(), Map.of()))));
    }

    @Test
    void queriesRunWhileAMissLoadsTeachWhichTableAndKeyColumnFeedTheCache() {
        load("children", 7L);
        assertThat(lineage.tables("children"))
                .containsExactly(new Lineage.Feed("child", Map.of("parent_id", 0), Lineage.Source.LOADS));
    }

    @Test
    void queryComparingInOneLetterCaseBindsItsColumnToAKeyThatDiffersOnlyInCase() {
        forms.put(
                "find by email",
                new ParsedSql(
                        Operation.SELECT,
                        List.of(new TableAccess(
                                "customers",
                                false,
                                Map.of("email", Operand.parameter(0).ignoringCase(), "kind", Operand.parameter(1)),
                                Map.of()))));
        long start = tick();
        apply(new CacheRead("customersByEmail", "erin@example.com", false, "SignIn#find(String)", start));
        apply(new SqlStatement(
                "find by email",
                List.of("Erin@Example.com", "ERIN@EXAMPLE.COM"),
                "SignIn#find(String)",
                start,
                TxState.NONE,
                tick()));
        assertThat(lineage.tables("customersByEmail"))
                .containsExactly(new Lineage.Feed("customers", Map.of("email", 0), Lineage.Source.LOADS));
    }

    @Test
    void queriesOutsideALoadTeachNothing() {
        apply(new SqlStatement(SELECT_CHILDREN, List.of(7L), "A#list()", 0, TxState.NONE, tick()));
        assertThat(lineage.caches()).isEmpty();
    }

    @Test
    void writeOfAFeedingTableWithNoEvictionIsAnUncoveredWriteOfTheEntryItNames() {
        load("children", 7L);
        write(RENAME_CHILD, TxState.NONE, "new name", 7L);
        judge();
        assertThat(observations).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(FindingKind.UNCOVERED_WRITE);
            assertThat(o.cache()).isEqualTo("children");
            assertThat(o.sites()).containsExactly("Writer#write()");
            assertThat(o.evidence())
                    .containsEntry("table", "child")
                    .containsEntry("match", "key columns parent_id")
                    .containsEntry("key", "7");
        });
    }

    @Test
    void evictionOfTheNamedEntryAfterTheWriteCoversIt() {
        load("children", 7L);
        write(RENAME_CHILD, TxState.NONE, "new name", 7L);
        apply(new CacheEvict("children", 7L, "Writer#write()", TxState.NONE, tick()));
        judge();
        assertThat(observations).isEmpty();
    }

    @Test
    void evictionOfAnotherEntryDoesNotCoverTheWrite() {
        load("children", 7L);
        load("children", 8L);
        write(RENAME_CHILD, TxState.NONE, "new name", 7L);
        apply(new CacheEvict("children", 8L, "Writer#write()", TxState.NONE, tick()));
        judge();
        assertThat(observations).extracting(Observation::kind).containsExactly(FindingKind.UNCOVERED_WRITE);
    }

    @Test
    void rowsMovedToAnotherKeyNeedTheEntryTheyLeftInvalidatedToo() {
        load("children", 7L);
        load("children", 8L);
        write(MOVE_CHILD, TxState.NONE, 8L, 100L);
        apply(new CacheEvict("children", 8L, "Writer#write()", TxState.NONE, tick()));
        judge();
        assertThat(observations).singleElement().satisfies(o -> assertThat(o.message())
                .contains("the entry they left is stale too"));
    }

    @Test
    void rowsMovedWithBothEntriesEvictedStaySilent() {
        load("children", 7L);
        load("children", 8L);
        write(MOVE_CHILD, TxState.NONE, 8L, 100L);
        apply(new CacheEvict("children", 8L, "Writer#write()", TxState.NONE, tick()));
        apply(new CacheEvict("children", 7L, "Writer#write()", TxState.NONE, tick()));
        judge();
        assertThat(observations).isEmpty();
    }

    @Test
    void movedRowIsMatchedToTheOldParentsListByTheEntityItsValueHolds() {
        loadHolding("children", 7L, 100L, 101L);
        loadHolding("children", 8L, 102L);
        write(MOVE_CHILD, TxState.NONE, 8L, 100L);
        apply(new CacheEvict("children", 8L, "Writer#move()", TxState.NONE, tick()));
        judge();
        assertThat(observations).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(FindingKind.UNCOVERED_WRITE);
            assertThat(o.sites()).containsExactly("Writer#write()");
            assertThat(o.evidence())
                    .containsEntry("table", "child")
                    .containsEntry("key", "8, 7")
                    .containsEntry("heldBy", "7")
                    .containsEntry("notInvalidated", "7")
                    .containsEntry("entity", "Child")
                    .containsEntry(
                            "match",
                            "key columns parent_id; entity: the entries hold the Child the statement names by its"
                                    + " identifier");
            assertThat(o.message())
                    .contains("nothing evicts, updates or clears entry 7 among the entries it affects (8, 7)")
                    .contains("entry 7 held the moved Child (matched by the entity its value holds)");
        });
    }

    @Test
    void movedRowWithTheListsOfBothParentsEvictedStaysSilent() {
        loadHolding("children", 7L, 100L, 101L);
        loadHolding("children", 8L, 102L);
        write(MOVE_CHILD, TxState.NONE, 8L, 100L);
        apply(new CacheEvict("children", 8L, "Writer#move()", TxState.NONE, tick()));
        apply(new CacheEvict("children", 7L, "Writer#move()", TxState.NONE, tick()));
        judge();
        assertThat(observations).isEmpty();
        assertThat(state.entities().holders("children", "100"))
                .as("the check ran on a known holder")
                .extracting(h -> h.printed())
                .containsExactly("7");
    }

    @Test
    void evictionOfAListThatDoesNotHoldTheMovedRowDoesNotCoverTheListThatDoes() {
        loadHolding("children", 7L, 100L, 101L);
        loadHolding("children", 8L, 102L);
        loadHolding("children", 9L, 103L);
        write(MOVE_CHILD, TxState.NONE, 8L, 100L);
        apply(new CacheEvict("children", 8L, "Writer#move()", TxState.NONE, tick()));
        apply(new CacheEvict("children", 9L, "Writer#move()", TxState.NONE, tick()));
        judge();
        assertThat(observations).singleElement().satisfies(o -> assertThat(o.evidence())
                .containsEntry("heldBy", "7"));
    }

    @Test
    void rowNamedOnlyByItsIdentifierAffectsTheEntriesHoldingItRatherThanTheWholeCache() {
        loadHolding("children", 7L, 100L);
        loadHolding("children", 8L, 102L);
        write(RENAME_CHILD_BY_ID, TxState.NONE, "new name", 100L);
        apply(new CacheEvict("children", 8L, "Writer#rename()", TxState.NONE, tick()));
        judge();
        assertThat(observations).singleElement().satisfies(o -> {
            assertThat(o.evidence())
                    .containsEntry("key", "7")
                    .containsEntry("match", "entity: the entries hold the Child the statement names by its identifier");
            assertThat(o.message()).contains("entry 7 was matched by the Child its value holds");
        });
    }

    @Test
    void rowNamedByItsIdentifierIsCoveredByEvictingTheEntryHoldingIt() {
        loadHolding("children", 7L, 100L);
        loadHolding("children", 8L, 102L);
        write(RENAME_CHILD_BY_ID, TxState.NONE, "new name", 100L);
        apply(new CacheEvict("children", 7L, "Writer#rename()", TxState.NONE, tick()));
        judge();
        assertThat(observations).isEmpty();
    }

    @Test
    void entryWhoseValueNoLongerHoldsTheRowIsNotMatchedByIt() {
        loadHolding("children", 7L, 100L);
        loadHolding("children", 8L, 102L);
        apply(new CacheEvict("children", 7L, "Writer#rename()", TxState.NONE, tick()));
        // Stored again without child 100: the index still knows that entry 7 once held it.
        loadHolding("children", 7L, 101L);
        write(RENAME_CHILD_BY_ID, TxState.NONE, "new name", 100L);
        apply(new CacheEvict("children", 8L, "Writer#rename()", TxState.NONE, tick()));
        judge();
        assertThat(state.entities().holders("children", "100"))
                .extracting(h -> h.printed())
                .containsExactly("7");
        assertThat(observations)
                .as("whole cache, covered by the eviction of entry 8")
                .isEmpty();
    }

    @Test
    void entityOfAnotherTableIsNotMatchedWhenTheCacheHasSeveralTables() {
        forms.put(
                "select parent",
                new ParsedSql(
                        Operation.SELECT,
                        List.of(new TableAccess("parent", false, Map.of("id", Operand.parameter(0)), Map.of()))));
        long start = tick();
        apply(new CacheRead("children", 7L, false, "Reader#list(Long)", start));
        apply(new SqlStatement("select parent", List.of(7L), "Reader#list(Long)", start, TxState.NONE, tick()));
        apply(new SqlStatement(SELECT_CHILDREN, List.of(7L), "Reader#list(Long)", start, TxState.NONE, tick()));
        apply(new CachePut("children", 7L, "Reader#list(Long)", start, TxState.NONE, tick()));
        apply(new EntityHeld("children", 7L, List.of(new EntityHeld.Entity("Parent", "100", "id")), null, clock));
        loadHolding("children", 8L, 102L);
        write(RENAME_CHILD_BY_ID, TxState.NONE, "new name", 100L);
        apply(new CacheEvict("children", 8L, "Writer#rename()", TxState.NONE, tick()));
        judge();
        assertThat(observations)
                .as("parent 100 is not child 100: whole cache, covered")
                .isEmpty();
    }

    @Test
    void entityMappedToTheWrittenTableIsMatchedWhenTheCacheHasSeveralTables() {
        lineage.entityTable("com.acme.Kid", "CHILD");
        forms.put(
                "select parent",
                new ParsedSql(
                        Operation.SELECT,
                        List.of(new TableAccess("parent", false, Map.of("id", Operand.parameter(0)), Map.of()))));
        long start = tick();
        apply(new CacheRead("children", 7L, false, "Reader#list(Long)", start));
        apply(new SqlStatement("select parent", List.of(7L), "Reader#list(Long)", start, TxState.NONE, tick()));
        apply(new SqlStatement(SELECT_CHILDREN, List.of(7L), "Reader#list(Long)", start, TxState.NONE, tick()));
        apply(new CachePut("children", 7L, "Reader#list(Long)", start, TxState.NONE, tick()));
        apply(new EntityHeld("children", 7L, List.of(new EntityHeld.Entity("Kid", "100", "id")), null, clock));
        loadHolding("children", 8L, 102L);
        write(RENAME_CHILD_BY_ID, TxState.NONE, "new name", 100L);
        apply(new CacheEvict("children", 8L, "Writer#rename()", TxState.NONE, tick()));
        judge();
        assertThat(lineage.tables("children")).hasSize(2);
        assertThat(observations).singleElement().satisfies(o -> assertThat(o.evidence())
                .containsEntry("heldBy", "7")
                .containsEntry("entity", "Kid"));
    }

    @Test
    void evictionBeforeAnAutocommittedWriteIsTheStaleSetWindow() {
        load("children", 7L);
        apply(new CacheEvict("children", 7L, "Writer#add()", TxState.NONE, tick()));
        write(INSERT_CHILD, TxState.NONE, 7L);
        judge();
        assertThat(observations).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(FindingKind.EVICT_BEFORE_COMMIT);
            assertThat(o.evidence()).containsEntry("window", "stale-set").containsEntry("evictSite", "Writer#add()");
            assertThat(o.evidence()).containsEntry("refill", "none seen").doesNotContainKey("refillShape");
            assertThat(o.sites()).containsExactly("Writer#write()", "Writer#add()");
        });
    }

    @Test
    void loadOfTheEvictedEntryBeforeTheWriteConfirmsTheStaleSetWindow() {
        load("children", 7L);
        apply(new CacheEvict("children", 7L, "Writer#add()", TxState.NONE, tick()));
        load("children", 7L);
        write(INSERT_CHILD, TxState.NONE, 7L);
        judge();
        assertThat(observations).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(FindingKind.EVICT_BEFORE_COMMIT);
            assertThat(o.evidence())
                    .containsEntry("window", "stale-set")
                    .containsEntry("refill", "seen")
                    .containsEntry("refillShape", "{n}")
                    .containsEntry("refillAfterEvictMs", "0");
            assertThat(o.message()).contains("confirmed: a load of the same entry began");
        });
    }

    @Test
    void loadThatReadTheDatabaseOnlyAfterTheWriteDoesNotConfirmTheStaleSetWindow() {
        load("children", 7L);
        apply(new CacheEvict("children", 7L, "Writer#add()", TxState.NONE, tick()));
        long start = tick();
        apply(new CacheRead("children", 7L, false, "Reader#list(Long)", start));
        write(INSERT_CHILD, TxState.NONE, 7L);
        apply(new SqlStatement(SELECT_CHILDREN, List.of(7L), "Reader#list(Long)", start, TxState.NONE, tick()));
        apply(new CachePut("children", 7L, "Reader#list(Long)", start, TxState.NONE, tick()));
        judge();
        assertThat(observations).singleElement().satisfies(o -> assertThat(o.evidence())
                .containsEntry("window", "stale-set")
                .containsEntry("refill", "none seen"));
    }

    @Test
    void loadThatReadTheOldRowsAndStoredThemAfterTheWriteConfirmsTheStaleSetWindow() {
        load("children", 7L);
        apply(new CacheEvict("children", 7L, "Writer#add()", TxState.NONE, tick()));
        long start = tick();
        apply(new CacheRead("children", 7L, false, "Reader#list(Long)", start));
        apply(new SqlStatement(SELECT_CHILDREN, List.of(7L), "Reader#list(Long)", start, TxState.NONE, tick()));
        write(INSERT_CHILD, TxState.NONE, 7L);
        apply(new CachePut("children", 7L, "Reader#list(Long)", start, TxState.NONE, tick()));
        judge();
        assertThat(observations).singleElement().satisfies(o -> assertThat(o.evidence())
                .containsEntry("window", "stale-set")
                .containsEntry("refill", "seen"));
    }

    @Test
    void loadOfAnotherEntryDoesNotConfirmTheStaleSetWindow() {
        load("children", 7L);
        apply(new CacheEvict("children", 7L, "Writer#add()", TxState.NONE, tick()));
        load("children", 8L);
        write(INSERT_CHILD, TxState.NONE, 7L);
        judge();
        assertThat(observations).singleElement().satisfies(o -> assertThat(o.evidence())
                .containsEntry("refill", "none seen"));
    }

    @Test
    void evictionInTheSameTransactionCoversAWriteBeforeIt() {
        load("children", 7L);
        TxState tx = new TxState(42, false);
        apply(new CacheEvict("children", 7L, "Writer#write()", tx, tick()));
        write(INSERT_CHILD, tx, 7L);
        apply(new TxBoundary(42, TxBoundary.Outcome.COMMITTED, tick()));
        judge();
        assertThat(observations).isEmpty();
    }

    @Test
    void uncoveredWriteInATransactionIsJudgedAtCommitAndNotAtAllWhenRolledBack() {
        load("children", 7L);
        write(INSERT_CHILD, new TxState(1, false), 7L);
        apply(new TxBoundary(1, TxBoundary.Outcome.ROLLED_BACK, tick()));
        write(INSERT_CHILD, new TxState(2, false), 7L);
        judge();
        assertThat(observations).as("still open").isEmpty();
        apply(new TxBoundary(2, TxBoundary.Outcome.COMMITTED, tick()));
        judge();
        assertThat(observations).singleElement().satisfies(o -> assertThat(o.evidence())
                .containsEntry("transaction", "committed"));
    }

    @Test
    void writeTheJpaRecordingSawInTheSameTransactionIsLeftToIt() {
        lineage.entityTable("com.acme.Kid", "CHILD");
        load("children", 7L);
        TxState tx = new TxState(5, false);
        write(INSERT_CHILD, tx, 7L);
        apply(new SourceWrite("com.acme.Kid", 100L, SourceWrite.Kind.SAVE, "Writer#write()", tx, tick()));
        apply(new TxBoundary(5, TxBoundary.Outcome.COMMITTED, tick()));
        judge();
        assertThat(observations).isEmpty();
    }

    @Test
    void autocommittedStatementRightAfterAnEntityWriteOfTheSameTableInATransactionIsJudgedAsAWriteOfItsOwn() {
        lineage.entityTable("com.acme.Kid", "CHILD");
        load("children", 7L);
        apply(new SourceWrite(
                "com.acme.Kid", 100L, SourceWrite.Kind.SAVE, "Seeder#seed()", new TxState(5, false), tick()));
        apply(new TxBoundary(5, TxBoundary.Outcome.COMMITTED, tick()));
        write(RENAME_CHILD, TxState.NONE, "renamed", 7L);
        judge();
        assertThat(observations).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(FindingKind.UNCOVERED_WRITE);
            assertThat(o.sites()).containsExactly("Writer#write()");
        });
    }

    @Test
    void autocommittedFlushOfAnEntityWriteOutsideATransactionFromTheSameSiteIsLeftToTheJpaRecording() {
        lineage.entityTable("com.acme.Kid", "CHILD");
        load("children", 7L);
        apply(new SourceWrite("com.acme.Kid", 100L, SourceWrite.Kind.SAVE, "Writer#write()", TxState.NONE, tick()));
        write(RENAME_CHILD, TxState.NONE, "renamed", 7L);
        judge();
        assertThat(observations).isEmpty();
    }

    @Test
    void writesOfTablesNoCacheReadsAndWritesBeforeAnythingWasCachedStaySilent() {
        write(INSERT_CHILD, TxState.NONE, 7L);
        judge();
        load("children", 7L);
        write(INSERT_LOG, TxState.NONE);
        judge();
        assertThat(observations).isEmpty();
    }

    @Test
    void tableWrittenOnlyBeforeItsCacheHeldAnythingStaysSilentWhileTheSameWriteLaterIsReported() {
        // Configured tables are known before any load: start-up seeding writes a table lineage already watches.
        lineage.configure("children", List.of("child"));
        write(INSERT_CHILD, TxState.NONE, 7L);
        judge();
        assertThat(observations).isEmpty();
        load("children", 7L);
        write(INSERT_CHILD, TxState.NONE, 7L);
        judge();
        assertThat(observations).singleElement().satisfies(o -> assertThat(o.kind())
                .isEqualTo(FindingKind.UNCOVERED_WRITE));
    }

    @Test
    void cacheWhoseLoadsReadNothingFromTheDatabaseHasNoTablesAndNoFindings() {
        long start = tick();
        apply(new CacheRead("computed", 7L, false, "Calculator#twice(Long)", start));
        apply(new CachePut("computed", 7L, "Calculator#twice(Long)", start, TxState.NONE, tick()));
        load("children", 7L);
        write(INSERT_CHILD, TxState.NONE, 7L);
        judge();
        assertThat(lineage.tables("computed")).isEmpty();
        assertThat(observations).singleElement().satisfies(o -> assertThat(o.cache())
                .isEqualTo("children"));
    }

    @Test
    void writeOfATableNoCacheReadsStaysSilentBesideAWriteOfOneThatFeedsACache() {
        load("children", 7L);
        write(INSERT_LOG, TxState.NONE);
        write(INSERT_CHILD, TxState.NONE, 7L);
        judge();
        assertThat(observations).singleElement().satisfies(o -> assertThat(o.evidence())
                .containsEntry("table", "child"));
    }

    @Test
    void insertLeavingTheKeyColumnToTheDatabaseAffectsNoEntryOfACacheKeyedByItWhileTheListItJoinsIsReported() {
        forms.put(
                "select child by id",
                new ParsedSql(
                        Operation.SELECT,
                        List.of(new TableAccess("child", false, Map.of("id", Operand.parameter(0)), Map.of()))));
        long start = tick();
        apply(new CacheRead("child", 100L, false, "Reader#find(Long)", start));
        apply(new SqlStatement("select child by id", List.of(100L), "Reader#find(Long)", start, TxState.NONE, tick()));
        apply(new CachePut("child", 100L, "Reader#find(Long)", start, TxState.NONE, tick()));
        load("children", 7L);
        assertThat(lineage.tables("child"))
                .containsExactly(new Lineage.Feed("child", Map.of("id", 0), Lineage.Source.LOADS));

        // The identifier is generated: no entry of the cache by id can hold the new row; the parent's list does.
        write(INSERT_CHILD, TxState.NONE, 7L);
        judge();
        assertThat(observations).singleElement().satisfies(o -> {
            assertThat(o.cache()).isEqualTo("children");
            assertThat(o.evidence()).containsEntry("key", "7");
        });
    }

    @Test
    void entryThatWasNeverCachedCannotBeStale() {
        load("children", 7L);
        write(INSERT_CHILD, TxState.NONE, 9L);
        judge();
        assertThat(observations).isEmpty();
    }

    @Test
    void configuredTablesReplaceLearnedOnesAndWritesWithoutKeyColumnsAffectTheWholeCache() {
        lineage.configure("children", List.of("public.child"));
        forms.put(
                "select parent",
                new ParsedSql(Operation.SELECT, List.of(new TableAccess("parent", false, Map.of(), Map.of()))));
        long start = tick();
        apply(new CacheRead("children", 7L, false, "Reader#list(Long)", start));
        apply(new SqlStatement("select parent", List.of(), "Reader#list(Long)", start, TxState.NONE, tick()));
        apply(new CachePut("children", 7L, "Reader#list(Long)", start, TxState.NONE, tick()));
        assertThat(lineage.tables("children"))
                .extracting(Lineage.Feed::table, Lineage.Feed::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("child", Lineage.Source.CONFIGURATION));
        write(INSERT_CHILD, TxState.NONE);
        judge();
        assertThat(observations)
                .singleElement()
                .satisfies(o -> assertThat(o.evidence().get("match")).startsWith("whole cache"));
    }

    @Test
    void statementsThatCannotBeParsedAreCountedAndIgnored() {
        write("garbage", TxState.NONE);
        assertThat(detector.unparsed()).isEqualTo(1);
    }

    private void load(String cache, Object key) {
        long start = tick();
        apply(new CacheRead(cache, key, false, "Reader#list(Long)", start));
        apply(new SqlStatement(SELECT_CHILDREN, List.of(key), "Reader#list(Long)", start, TxState.NONE, tick()));
        apply(new CachePut(cache, key, "Reader#list(Long)", start, TxState.NONE, tick()));
    }

    /** A load whose value is a list of children, by their identifiers. */
    private void loadHolding(String cache, Object key, long... childIds) {
        load(cache, key);
        List<EntityHeld.Entity> children = new ArrayList<>();
        for (long id : childIds) {
            children.add(new EntityHeld.Entity("Child", Long.toString(id), "id"));
        }
        // Sent with the put's time, as the recording layer does.
        apply(new EntityHeld(cache, key, children, null, clock));
    }

    private void write(String sql, TxState tx, @Nullable Object... parameters) {
        apply(new SqlStatement(sql, Arrays.asList(parameters), "Writer#write()", 0, tx, tick()));
    }

    private void apply(CacheEvent event) {
        state.apply(event);
        detector.on(event, state, observations::add);
    }

    private void judge() {
        clock += 2 * WINDOW;
        detector.onTick(clock, state, observations::add);
    }

    private long tick() {
        clock += 1000;
        return clock;
    }
}
