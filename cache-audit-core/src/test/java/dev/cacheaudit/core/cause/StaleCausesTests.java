package dev.cacheaudit.core.cause;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.CacheEvict;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.CacheRead;
import dev.cacheaudit.core.event.DeclaredOperations;
import dev.cacheaudit.core.event.EntityHeld;
import dev.cacheaudit.core.event.SourceWrite;
import dev.cacheaudit.core.event.SqlStatement;
import dev.cacheaudit.core.event.TxBoundary;
import dev.cacheaudit.core.event.TxState;
import dev.cacheaudit.core.event.VerificationOutcome.Outcome;
import dev.cacheaudit.core.finding.Cause;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.keys.KeyRedactor;
import dev.cacheaudit.core.lineage.ParsedSql;
import dev.cacheaudit.core.lineage.SqlParser;
import dev.cacheaudit.core.verify.CheckTarget;
import dev.cacheaudit.core.verify.Lookup;
import dev.cacheaudit.core.verify.VerificationBackend;
import dev.cacheaudit.core.verify.VerificationSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cause of stale findings end to end in core, with the default detectors and verification against an in-memory
 * cache and source: the write that made an entry stale, the invalidation that followed it or not, the finding that
 * explains it, the entry's timeline, and {@code FOREIGN_WRITE} when no write of the application explains the change.
 */
class StaleCausesTests {

    private static final String USER = "com.acme.User";

    private static final String RENAME = "com.acme.UserService#rename(Long,String)";

    private static final String FIND = "com.acme.UserService#find(Long)";

    /** Parses the two statements these tests run, as the JSqlParser-based parser of the starter would. */
    private static final SqlParser PARSER = sql -> sql.startsWith("update users")
            ? new ParsedSql(
                    ParsedSql.Operation.UPDATE,
                    List.of(new ParsedSql.TableAccess(
                            "users",
                            true,
                            Map.of("id", ParsedSql.Operand.parameter(1)),
                            Map.of("name", ParsedSql.Operand.parameter(0)))))
            : new ParsedSql(ParsedSql.Operation.SELECT, List.of());

    private final Map<Object, Object> cache = new ConcurrentHashMap<>();

    private final Map<Object, Object> source = new ConcurrentHashMap<>();

    private CacheAudit audit;

    private CacheAudit start(boolean jdbcRecorded) {
        return start(jdbcRecorded, true);
    }

    private CacheAudit start(boolean jdbcRecorded, boolean defaultDetectors) {
        VerificationBackend backend = new VerificationBackend() {
            @Override
            public Lookup cached(CheckTarget target) {
                Object value = cache.get(keyOf(target.printedKey()));
                return value != null ? Lookup.of(value) : Lookup.ABSENT;
            }

            @Override
            public Lookup source(CheckTarget target) {
                Object value = source.get(keyOf(target.printedKey()));
                return value != null ? Lookup.of(value) : Lookup.ABSENT;
            }

            @Override
            public boolean canVerify(CheckTarget target) {
                return true;
            }
        };
        VerificationSettings settings = new VerificationSettings(
                1.0,
                100,
                Duration.ofMillis(300),
                List.of(Duration.ofMillis(100), Duration.ofMillis(400)),
                10_000,
                Map.of());
        CacheAudit.Builder builder = CacheAudit.builder()
                // A fixed wall clock: messages carry the instant an entry was found stale, and a real one may hold the
                // digits of an id that a test asserts the message does not show.
                .clock(Clock.fixed(Instant.parse("2026-01-02T03:04:06Z"), ZoneOffset.UTC))
                .withoutFindingLog()
                .instance("host-1:1")
                .redaction(KeyRedactor.Mode.SHAPE)
                .coverageWindow(Duration.ofMillis(500))
                .verification(settings, backend, 1.0);
        if (!defaultDetectors) {
            builder.withoutDefaultDetectors();
        }
        if (jdbcRecorded) {
            builder.sqlParser(PARSER).tables("users", List.of("users"));
        }
        audit = builder.build().start();
        audit.submit(new DeclaredOperations(
                List.of(), List.of(new DeclaredOperations.Holding("users", USER, "configuration")), System.nanoTime()));
        return audit;
    }

    @AfterEach
    void stop() {
        if (audit != null) {
            audit.close();
        }
    }

    /** A miss and the put of its load, with the value the source holds then. */
    private void load(long id, String name) {
        cache.put(id, new User(name));
        source.put(id, new User(name));
        long start = System.nanoTime();
        audit.submit(new CacheRead("users", id, false, FIND, start));
        audit.submit(new CachePut("users", id, FIND, start, TxState.NONE, System.nanoTime()));
    }

    @Test
    void committedWriteThatNothingEvictedIsTheCauseAndTheUncoveredWriteExplainsIt() throws Exception {
        start(false);
        load(42L, "Ada");
        Thread.sleep(20);
        source.put(42L, new User("Ada Lovelace"));
        audit.submit(
                new SourceWrite(USER, 42L, SourceWrite.Kind.SAVE, RENAME, new TxState(7, false), System.nanoTime()));
        audit.submit(new TxBoundary(7, TxBoundary.Outcome.COMMITTED, System.nanoTime()));

        Finding stale = await(
                FindingKind.STALE_READ, f -> f.cause() != null && f.cause().causedBy() != null);

        Finding uncovered = only(FindingKind.UNCOVERED_WRITE);
        Cause cause = stale.cause();
        assertThat(cause.causedBy()).isEqualTo("UNCOVERED_WRITE");
        assertThat(cause.causedByFinding()).isEqualTo(uncovered.id());
        assertThat(cause.lastWrite()).satisfies(write -> {
            assertThat(write.site()).isEqualTo(RENAME);
            assertThat(write.what()).isEqualTo(USER);
            assertThat(write.transaction()).isEqualTo("committed");
            assertThat(write.instance()).isEqualTo("host-1:1");
        });
        assertThat(cause.invalidation()).isNull();
        assertThat(cause.timeline()).first().isEqualTo("t+0 load UserService#find(Long)");
        assertThat(cause.timeline())
                .anyMatch(step -> step.matches("t\\+\\d+ms write UserService#rename\\(Long,String\\) \\(committed\\)"))
                .contains("no eviction");
        assertThat(cause.timeline()).as(cause.timelineLine()).last().asString().matches("t\\+\\d+ms stale read");
        assertThat(stale.sites()).contains(RENAME);
        // The steps' times (t+42ms, say) are checked above; the rest must show neither the id nor the value.
        assertThat(cause.timelineLine().replaceAll("t\\+\\d+(ms)?", "t+"))
                .doesNotContain("42")
                .doesNotContain("Ada");
        assertThat(audit.findings().findings()).noneMatch(f -> f.kind() == FindingKind.FOREIGN_WRITE);
    }

    @Test
    void evictionUnderAnotherKeyIsTheInvalidationThatFollowedAndTheKeyMismatchExplainsIt() throws Exception {
        start(false);
        load(43L, "Ada");
        audit.submit(new CacheRead("users", 43L, true, FIND, System.nanoTime()));
        Thread.sleep(20);
        source.put(43L, new User("Ada Lovelace"));
        long write = System.nanoTime();
        audit.submit(new SourceWrite(USER, 43L, SourceWrite.Kind.SAVE, RENAME, TxState.NONE, write));
        audit.submit(new CacheEvict("users", "user:43", RENAME, TxState.NONE, System.nanoTime()));

        Finding stale = await(
                FindingKind.STALE_READ, f -> f.cause() != null && f.cause().causedBy() != null);

        Cause cause = stale.cause();
        assertThat(cause.causedBy()).isEqualTo("KEY_MISMATCH");
        assertThat(cause.causedByFinding())
                .isEqualTo(only(FindingKind.KEY_MISMATCH).id());
        assertThat(cause.invalidation()).satisfies(invalidation -> {
            assertThat(invalidation.operation()).isEqualTo("evict");
            assertThat(invalidation.key()).isEqualTo("{w}:{n}");
            assertThat(invalidation.removed()).isEqualTo("removed nothing");
            assertThat(invalidation.site()).isEqualTo(RENAME);
        });
        assertThat(cause.timeline())
                .anyMatch(step -> step.endsWith("evict '{w}:{n}' UserService#rename(Long,String) (removed nothing)"))
                .doesNotContain("no eviction");
    }

    @Test
    void changeNoWriteExplainsWithoutJdbcRecordingSaysNoWriteSeenAndIsNotTakenForAForeignWrite() throws Exception {
        start(false);
        load(44L, "Ada");
        source.put(44L, new User("changed elsewhere"));
        audit.submit(new CacheRead("users", 44L, true, FIND, System.nanoTime()));

        Finding stale = await(FindingKind.STALE_READ, f -> f.cause() != null);

        assertThat(stale.cause().causedBy()).isEqualTo(Cause.NO_WRITE_SEEN);
        assertThat(stale.cause().lastWrite()).isNull();
        assertThat(stale.cause().timeline()).first().isEqualTo("t+0 load UserService#find(Long)");
        assertThat(audit.findings().findings()).noneMatch(f -> f.kind() == FindingKind.FOREIGN_WRITE);
    }

    @Test
    void changeNoWriteOfTheApplicationExplainsIsAForeignWriteOnTheDatabase() throws Exception {
        start(true);
        load(45L, "Ada");
        source.put(45L, new User("changed by a batch job"));
        audit.submit(new CacheRead("users", 45L, true, FIND, System.nanoTime()));

        Finding stale = await(FindingKind.STALE_READ, f -> f.cause() != null);

        Finding foreign = only(FindingKind.FOREIGN_WRITE);
        assertThat(foreign.cache()).isEqualTo("users");
        assertThat(foreign.message())
                .contains("changed outside this application (another service, a batch job, SQL)")
                .contains("User cached in 'users'")
                .doesNotContain("45")
                .doesNotContain("batch job\"");
        assertThat(foreign.evidence())
                .containsEntry("source", "database")
                .containsEntry("entity", USER)
                .containsEntry("tables", "users")
                .containsKey("firstSeenStale");
        assertThat(stale.cause().causedBy()).isEqualTo("FOREIGN_WRITE");
        assertThat(stale.cause().causedByFinding()).isEqualTo(foreign.id());
    }

    @Test
    void sameChangeMadeByTheApplicationThroughJdbcIsThatWriteNotAForeignWrite() throws Exception {
        start(true);
        load(46L, "Ada");
        audit.submit(new CacheRead("users", 46L, true, FIND, System.nanoTime()));
        Thread.sleep(20);
        source.put(46L, new User("changed by the import"));
        audit.submit(new SqlStatement(
                "update users set name = ? where id = ?",
                List.of("changed by the import", 46L),
                "com.acme.UserImport#run()",
                0,
                TxState.NONE,
                System.nanoTime()));
        audit.submit(new CacheRead("users", 46L, true, FIND, System.nanoTime()));

        Finding stale = await(FindingKind.STALE_READ, f -> f.cause() != null);

        assertThat(stale.cause().lastWrite()).satisfies(write -> {
            assertThat(write.what()).isEqualTo("table users");
            assertThat(write.site()).isEqualTo("com.acme.UserImport#run()");
            assertThat(write.transaction()).isEqualTo("no transaction");
        });
        assertThat(stale.cause().causedBy()).isNotEqualTo(Cause.NO_WRITE_SEEN);
        assertThat(stale.sites()).contains("com.acme.UserImport#run()");
        assertThat(audit.verificationStats().count("users", Outcome.STALE)).isPositive();
        assertThat(audit.findings().findings()).noneMatch(f -> f.kind() == FindingKind.FOREIGN_WRITE);
    }

    @Test
    void writeThatNothingInvalidatedAndNoDetectorJudgedIsTheUncoveredWriteVerificationProved() throws Exception {
        start(false, false);
        load(48L, "Ada");
        Thread.sleep(20);
        source.put(48L, new User("Ada Lovelace"));
        audit.submit(new SourceWrite(USER, 48L, SourceWrite.Kind.SAVE, RENAME, TxState.NONE, System.nanoTime()));

        Finding stale = await(
                FindingKind.STALE_READ, f -> f.cause() != null && f.cause().causedBy() != null);

        Finding uncovered = only(FindingKind.UNCOVERED_WRITE);
        assertThat(uncovered.signature()).isEqualTo(USER + "|" + RENAME);
        assertThat(uncovered.sites()).containsExactly(RENAME);
        assertThat(uncovered.evidence())
                .containsEntry("confirmedBy", "verification")
                .containsEntry("entity", USER)
                .containsEntry("transaction", "no transaction");
        assertThat(stale.cause().causedBy()).isEqualTo("UNCOVERED_WRITE");
        assertThat(stale.cause().causedByFinding()).isEqualTo(uncovered.id());
    }

    @Test
    void writeLongerBeforeTheLoadThanTheWindowIsInTheLoadedValueAndNoCause() throws Exception {
        start(true);
        audit.submit(new SourceWrite(USER, 49L, SourceWrite.Kind.SAVE, RENAME, TxState.NONE, System.nanoTime()));
        Thread.sleep(700);
        load(49L, "Ada");
        source.put(49L, new User("changed by SQL"));
        audit.submit(new CacheRead("users", 49L, true, FIND, System.nanoTime()));

        Finding stale = await(FindingKind.STALE_READ, f -> f.cause() != null);

        assertThat(stale.cause().lastWrite()).isNull();
        assertThat(stale.cause().causedBy()).isEqualTo("FOREIGN_WRITE");
    }

    @Test
    void rolledBackWriteIsNotTheCause() throws Exception {
        start(true);
        load(47L, "Ada");
        audit.submit(
                new SourceWrite(USER, 47L, SourceWrite.Kind.SAVE, RENAME, new TxState(9, false), System.nanoTime()));
        audit.submit(new TxBoundary(9, TxBoundary.Outcome.ROLLED_BACK, System.nanoTime()));
        source.put(47L, new User("changed by SQL"));
        audit.submit(new CacheRead("users", 47L, true, FIND, System.nanoTime()));

        Finding stale = await(FindingKind.STALE_READ, f -> f.cause() != null);

        assertThat(stale.cause().lastWrite()).isNull();
        assertThat(stale.cause().causedBy()).isEqualTo("FOREIGN_WRITE");
    }

    @Test
    void jdbcWriteRightAfterARepositoryWriteOfTheSameTableInAnotherTransactionIsAWriteOfItsOwn() throws Exception {
        start(true);
        audit.lineage().entityTable(USER, "users");
        load(50L, "Ada");
        audit.submit(new CacheRead("users", 50L, true, FIND, System.nanoTime()));
        // A repository write of another user, committed just before the import: not the import's flush.
        audit.submit(
                new SourceWrite(USER, 51L, SourceWrite.Kind.SAVE, RENAME, new TxState(11, false), System.nanoTime()));
        audit.submit(new TxBoundary(11, TxBoundary.Outcome.COMMITTED, System.nanoTime()));
        source.put(50L, new User("changed by the import"));
        audit.submit(new SqlStatement(
                "update users set name = ? where id = ?",
                List.of("changed by the import", 50L),
                "com.acme.UserImport#run()",
                0,
                TxState.NONE,
                System.nanoTime()));
        audit.submit(new CacheRead("users", 50L, true, FIND, System.nanoTime()));

        Finding stale = await(FindingKind.STALE_READ, f -> f.cause() != null);

        assertThat(stale.cause().lastWrite()).satisfies(write -> {
            assertThat(write.what()).isEqualTo("table users");
            assertThat(write.site()).isEqualTo("com.acme.UserImport#run()");
        });
        assertThat(audit.findings().findings()).noneMatch(f -> f.kind() == FindingKind.FOREIGN_WRITE);
    }

    @Test
    void writeOfAnotherEntityThanTheEntryHoldsIsNoCauseAndTheChangeIsForeign() throws Exception {
        start(true);
        loadByCode("ada", 52L, "Ada");
        audit.submit(
                new SourceWrite(USER, 53L, SourceWrite.Kind.SAVE, RENAME, new TxState(12, false), System.nanoTime()));
        audit.submit(new TxBoundary(12, TxBoundary.Outcome.COMMITTED, System.nanoTime()));
        // Accounted for by the entity index: the entry does not hold the user written.
        source.put("ada", new User("changed by a batch job"));
        audit.submit(new CacheRead("users", "ada", true, FIND, System.nanoTime()));

        Finding stale = await(FindingKind.STALE_READ, f -> f.cause() != null);

        assertThat(stale.cause().lastWrite()).isNull();
        assertThat(stale.cause().causedBy()).isEqualTo("FOREIGN_WRITE");
        assertThat(only(FindingKind.FOREIGN_WRITE).evidence()).containsEntry("source", "database");
    }

    @Test
    void writeInFlightOfTheCachesTableKeepsTheChangeFromBeingTakenForAForeignWrite() throws Exception {
        start(true);
        loadByCode("ada", 56L, "Ada");
        audit.submit(new SourceWrite(
                USER, 57L, SourceWrite.Kind.SAVE, RENAME, new TxState(14, false), System.nanoTime() - 2_000_000_000L));
        source.put("ada", new User("changed by a batch job"));
        audit.submit(new CacheRead("users", "ada", true, FIND, System.nanoTime()));

        Finding stale = await(FindingKind.STALE_READ, f -> f.cause() != null);

        assertThat(stale.cause().causedBy()).isEqualTo(Cause.NO_WRITE_SEEN);
        assertThat(audit.findings().findings()).noneMatch(f -> f.kind() == FindingKind.FOREIGN_WRITE);
    }

    @Test
    void writeOfTheEntityTheEntryHoldsUnderAnotherKeyIsTheCause() throws Exception {
        start(true);
        loadByCode("ada", 58L, "Ada");
        Thread.sleep(20);
        source.put("ada", new User("Ada Lovelace"));
        audit.submit(
                new SourceWrite(USER, 58L, SourceWrite.Kind.SAVE, RENAME, new TxState(15, false), System.nanoTime()));
        audit.submit(new TxBoundary(15, TxBoundary.Outcome.COMMITTED, System.nanoTime()));
        audit.submit(new CacheRead("users", "ada", true, FIND, System.nanoTime()));

        Finding stale = await(FindingKind.STALE_READ, f -> f.cause() != null);

        assertThat(stale.cause().lastWrite()).satisfies(write -> {
            assertThat(write.what()).isEqualTo(USER);
            assertThat(write.site()).isEqualTo(RENAME);
        });
        assertThat(stale.sites()).contains(RENAME);
        assertThat(audit.findings().findings()).noneMatch(f -> f.kind() == FindingKind.FOREIGN_WRITE);
    }

    /**
     * A write that an eviction followed and removed the entry, then a refill that read the old rows (a lagging
     * replica) longer after the write than the window: the write is still the cause, and the eviction is in the story.
     */
    @Test
    void refillThatReadTheOldRowsAfterTheEvictionThatFollowedTheWriteIsExplainedByThatWrite() throws Exception {
        start(true);
        load(59L, "Ada");
        audit.submit(new SourceWrite(USER, 59L, SourceWrite.Kind.SAVE, RENAME, TxState.NONE, System.nanoTime()));
        Thread.sleep(400);
        cache.remove(59L);
        audit.submit(new CacheEvict("users", 59L, RENAME, TxState.NONE, System.nanoTime()));
        Thread.sleep(300);
        long refill = System.nanoTime();
        cache.put(59L, new User("Ada"));
        audit.submit(new CacheRead("users", 59L, false, FIND, refill));
        audit.submit(new CachePut("users", 59L, FIND, refill, TxState.NONE, System.nanoTime()));
        source.put(59L, new User("Ada Lovelace"));
        audit.submit(new CacheRead("users", 59L, true, FIND, System.nanoTime()));

        Finding stale = await(FindingKind.STALE_READ, f -> f.cause() != null);

        assertThat(stale.cause().lastWrite())
                .satisfies(write -> assertThat(write.site()).isEqualTo(RENAME));
        assertThat(stale.cause().causedBy()).isNotIn(Cause.NO_WRITE_SEEN, "FOREIGN_WRITE");
        assertThat(stale.cause().timeline())
                .anyMatch(step -> step.endsWith("evict UserService#rename(Long,String) (removed)"))
                .anyMatch(step -> step.startsWith("t+0 load"));
        assertThat(audit.findings().findings()).noneMatch(f -> f.kind() == FindingKind.FOREIGN_WRITE);
    }

    /** A miss and the put of its load under a code, the value holding the user with this id (as the starter tells). */
    private void loadByCode(String code, long id, String name) {
        cache.put(code, new User(name));
        source.put(code, new User(name));
        long start = System.nanoTime();
        audit.submit(new CacheRead("users", code, false, FIND, start));
        long put = System.nanoTime();
        audit.submit(new CachePut("users", code, FIND, start, TxState.NONE, put));
        audit.submit(new EntityHeld(
                "users", code, List.of(new EntityHeld.Entity("User", Long.toString(id), "id")), "code", put));
    }

    private Finding only(FindingKind kind) {
        List<Finding> found = audit.findings().findings().stream()
                .filter(f -> f.kind() == kind)
                .toList();
        assertThat(found).as("findings of kind %s", kind).hasSize(1);
        return found.get(0);
    }

    private Finding await(FindingKind kind, Predicate<Finding> ready) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        while (System.nanoTime() < deadline) {
            audit.awaitQuiescence(Duration.ofMillis(200));
            for (Finding finding : audit.findings().findings()) {
                if (finding.kind() == kind && ready.test(finding)) {
                    return finding;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + kind + " as expected within 6s; findings: "
                + audit.findings().findings());
    }

    /** Keys of these tests are ids or codes. */
    private static Object keyOf(String printed) {
        return printed.chars().allMatch(Character::isDigit) ? Long.valueOf(printed) : printed;
    }

    record User(String name) {}
}
