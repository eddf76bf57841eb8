package dev.cacheaudit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.finding.Cause;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.testsupport.RedisServer;
import dev.cacheaudit.testsupport.RequiresRedis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Each scenario of the catalogue with its bug switched on, in a demo run of its own on the local Redis: the demo
 * traffic yields the finding the design expects, on the expected cache, naming the buggy code among its sites. The
 * fixed direction is {@link FixedServiceTests}.
 */
@RequiresRedis
class ScenarioBugsTests {

    private static final String SCENARIO = "dev.cacheaudit.sample.scenario.";

    @TempDir
    static Path directory;

    private static final Map<String, DemoRun> runs = new HashMap<>();

    @Test
    void evictionWithAUserPrefixIsAKeyMismatchOnUsers() {
        assertFound(
                "key-prefix",
                FindingKind.KEY_MISMATCH,
                CacheNames.USERS,
                "PrefixedKeyUserNameChanges#changeName(long,String)");
    }

    @Test
    void demoJarPathWritesTheKeyMismatchToTheReport() {
        DemoRun run = run("key-prefix");
        assertThat(run.exitCode()).isZero();
        assertThat(run.report()).contains("\"kind\" : \"KEY_MISMATCH\"");
        assertThat(run.output()).containsPattern("KEY_MISMATCH +ERROR +users ");
    }

    @Test
    void evictionWithoutKeyOnSaveUserIsAKeyMismatchOnUsersByEmail() {
        assertFound(
                "key-default",
                FindingKind.KEY_MISMATCH,
                CacheNames.USERS_BY_EMAIL,
                "DefaultKeyUserAccounts#save(User)");
    }

    @Test
    void evictionByTheStringFormOfALongIdIsAKeyTypeMismatchOnTheLocalCache() {
        assertFound(
                "key-type",
                FindingKind.KEY_TYPE_MISMATCH,
                CacheNames.PRODUCT_CARDS,
                "TextKeyProductChangeListener#productChanged(String)");
    }

    @Test
    void evictionFromCacheProductIsACacheNameMismatch() {
        assertFound(
                "cache-name",
                FindingKind.CACHE_NAME_MISMATCH,
                "product",
                "SingularCacheProductRenames#rename(long,String)");
        assertThat(run("cache-name").findings())
                .filteredOn(f -> f.kind() == FindingKind.CACHE_NAME_MISMATCH)
                .singleElement()
                .satisfies(f -> assertThat(f.evidence()).containsEntry("readCache", CacheNames.PRODUCTS));
    }

    @Test
    void templateDeletingThePluralKeyIsAWireKeyMismatch() {
        assertFound(
                "template-key",
                FindingKind.KEY_MISMATCH,
                "sample:order",
                "PluralKeyOrderStatuses#changeStatus(long,String)");
        assertThat(run("template-key").findings())
                .filteredOn(f -> f.kind() == FindingKind.KEY_MISMATCH)
                .singleElement()
                .satisfies(f ->
                        assertThat(f.sites()).anyMatch(site -> site.endsWith("PluralKeyOrderStatuses#status(long)")));
    }

    @Test
    void jobSavingWithoutEvictingIsAnUncoveredWriteWithTheJobAsWritePath() {
        assertFound(
                "job-no-evict",
                FindingKind.UNCOVERED_WRITE,
                CacheNames.PRICES,
                "NonEvictingPriceIndexation#indexPrices()");
    }

    @Test
    void managedOrderChangedWithoutSaveIsAnUncoveredWriteOnTracking() {
        assertThat(run("dirty-check").findings()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.UNCOVERED_WRITE);
            assertThat(f.cache()).isEqualTo(CacheNames.ORDER_TRACKING);
            assertThat(f.evidence()).containsEntry("entity", "dev.cacheaudit.sample.order.Order");
        });
    }

    @Test
    void managedOrderChangedWithoutSaveNamesTheTransactionalMethodAsWritePath() {
        assertFound(
                "dirty-check",
                FindingKind.UNCOVERED_WRITE,
                CacheNames.ORDER_TRACKING,
                "DirtyCheckingDeliveries#markDelivered(long)");
    }

    @Test
    void evictionInsideTheTransactionIsEvictBeforeCommit() {
        assertFound(
                "evict-in-tx",
                FindingKind.EVICT_BEFORE_COMMIT,
                CacheNames.PRODUCTS,
                "InTransactionEvictionDiscounts#discount(long,BigDecimal)");
    }

    @Test
    void evictionRefusedByRedisAndSwallowedIsEvictionFailed() {
        assertFound(
                "swallowed-evict",
                FindingKind.EVICTION_FAILED,
                CacheNames.RECOMMENDATIONS,
                "Recommendations#placeOrder(long,long,int)");
        assertThat(run("swallowed-evict").findings())
                .filteredOn(f -> f.kind() == FindingKind.EVICTION_FAILED)
                .anySatisfy(f -> assertThat(f.evidence()).containsEntry("swallowed", "true"));
    }

    @Test
    void redisUserWithoutDeleteIsGoneOnceTheDemoClosed() {
        run("swallowed-evict");
        RedisServer.HostAndPort redis = SampleApps.assumeRedis();
        LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(redis.host(), redis.port());
        connectionFactory.afterPropertiesSet();
        connectionFactory.start();
        try (RedisConnection connection = connectionFactory.getConnection()) {
            assertThat(aclUser(connection, "default")).isNotNull();
            assertThat(aclUser(connection, "sample-no-del")).isNull();
        } finally {
            connectionFactory.destroy();
        }
    }

    @Test
    void clearingAllProductsOnEveryPriceChangeIsAFullClear() {
        assertFound(
                "clear-all",
                FindingKind.FULL_CLEAR,
                CacheNames.PRODUCTS,
                "ClearingPriceChanges#reprice(long,BigDecimal)");
    }

    @Test
    void jdbcUpdateWithoutEvictionIsAStaleReadFoundByVerificationOfSampledHits() {
        assertFound("jdbc-bypass", FindingKind.STALE_READ, CacheNames.ITEMS);
        assertThat(run("jdbc-bypass").findings())
                .filteredOn(f -> f.kind() == FindingKind.STALE_READ && f.cache().equals(CacheNames.ITEMS))
                .anySatisfy(f -> assertThat(f.evidence()).containsEntry("differingFields", "price"));
    }

    @Test
    void entityWithIdOnlyEqualsRenamedBehindTheCacheIsAStaleReadNamingTheColumn() {
        assertFound("entity-id-equals", FindingKind.STALE_READ, CacheNames.CURRENCIES);
        assertThat(run("entity-id-equals").findings())
                .filteredOn(f -> f.kind() == FindingKind.STALE_READ)
                .isNotEmpty()
                .allSatisfy(f -> {
                    assertThat(f.cache()).isEqualTo(CacheNames.CURRENCIES);
                    assertThat(f.evidence()).containsEntry("differingFields", "name");
                    assertThat(f.message()).doesNotContain("renamed").doesNotContain("franc");
                });
    }

    @Test
    void referenceDataCachedAsEntitiesWithoutEqualsIsVerifiedFreshAndSilent() {
        DemoRun run = run("entity-no-equals");
        assertThat(run.exitCode()).isZero();
        assertThat(run.findings()).isEmpty();
        assertThat(run.output())
                .containsPattern("countries +redis +(\\d+ +){6}[1-9]\\d* fresh, 0 stale, 0 inconclusive")
                .containsPattern("countryPages +redis +(\\d+ +){6}[1-9]\\d* fresh, 0 stale, 0 inconclusive");
    }

    @Test
    void refillFromALaggingReplicaIsAStaleSetAndAStaleRead() {
        assertFound("replica-lag", FindingKind.STALE_SET, CacheNames.STOCK_LEVELS);
        assertFound("replica-lag", FindingKind.STALE_READ, CacheNames.STOCK_LEVELS);
        assertThat(run("replica-lag").findings())
                .filteredOn(f -> f.cache().equals(CacheNames.STOCK_LEVELS))
                .allSatisfy(f -> assertThat(f.evidence()).containsEntry("differingFields", "quantity"));
    }

    @Test
    void hourLongTimeToLiveOnStockSoldEveryFewHundredMillisecondsIsTtlTooLong() {
        assertFound("long-ttl", FindingKind.TTL_TOO_LONG, CacheNames.ITEM_PAGES, "NonEvictingSales#sell(long)");
    }

    @Test
    void labelsWarmedAtStartUpWithoutExpiryWhileRestocksChangeThemIsNoExpiry() {
        assertFound("warm-once", FindingKind.NO_EXPIRY, CacheNames.ITEM_LABELS, "SilentRestocking#restock(long,int)");
    }

    @Test
    void concurrentLoadsOfTheHotDealWithoutSyncAreAStampede() {
        assertFound("stampede", FindingKind.STAMPEDE, CacheNames.DAILY_DEALS, "UnsyncedDailyDeals#deal(long)");
    }

    @Test
    void updateThroughAMapperThatNeverEvictsIsAnUncoveredWriteOnCouponsFoundWithoutVerification() {
        DemoRun run = lineageRun();
        assertThat(run.exitCode()).isZero();
        assertThat(run.findings())
                .filteredOn(f -> f.cache().equals(CacheNames.COUPONS))
                .isNotEmpty()
                .allSatisfy(f -> {
                    assertThat(f.kind()).isEqualTo(FindingKind.UNCOVERED_WRITE);
                    assertThat(f.sites())
                            .containsExactly(SCENARIO + "NonEvictingCouponChanges#changePercent(long,int)");
                    assertThat(f.evidence())
                            .containsEntry("table", "coupons")
                            .containsEntry("write", "update")
                            .containsEntry("transaction", "none")
                            .containsEntry("match", "key columns id");
                });
    }

    @Test
    void evictionBeforeAnInsertWithoutTransactionIsTheStaleSetWindowOnProductReviewsFoundWithoutVerification() {
        DemoRun run = lineageRun();
        String posting = SCENARIO + "EvictFirstReviewPosting#post(long,String,String)";
        assertThat(run.findings())
                .filteredOn(f -> f.cache().equals(CacheNames.PRODUCT_REVIEWS))
                .isNotEmpty()
                .allSatisfy(f -> {
                    assertThat(f.kind()).isEqualTo(FindingKind.EVICT_BEFORE_COMMIT);
                    assertThat(f.sites()).containsExactly(posting);
                    assertThat(f.evidence())
                            .containsEntry("table", "reviews")
                            .containsEntry("write", "insert")
                            .containsEntry("transaction", "none")
                            .containsEntry("window", "stale-set")
                            .containsEntry("evictSite", posting)
                            .containsEntry("match", "key columns product_id");
                });
    }

    /**
     * The two lineage scenarios run with verification off: what they report comes from the statements recorded at the
     * JDBC level alone, and the visitor who refilled the reviews during the posting left a stale answer.
     */
    @Test
    void lineageScenariosReportNothingElseAndLeaveStaleAnswers() {
        DemoRun run = lineageRun();
        assertThat(run.findings())
                .extracting(f -> f.cache())
                .containsOnly(CacheNames.COUPONS, CacheNames.PRODUCT_REVIEWS);
        assertThat(run.output())
                .containsPattern("Traffic: .*, [1-9]\\d* stale answers")
                .contains("discount of coupon ")
                .contains("number of reviews of product ");
    }

    @Test
    void movingAParcelThatEvictsOnlyTheNewRoundsListIsAnUncoveredWriteMatchedToTheOldRoundsListByTheParcel() {
        assertFound(
                "list-old-parent",
                FindingKind.UNCOVERED_WRITE,
                CacheNames.ROUND_PARCELS,
                "NewRoundEvictingParcelMoves#move(long,long)");
        assertThat(run("list-old-parent").findings())
                .filteredOn(f -> f.kind() == FindingKind.UNCOVERED_WRITE)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.evidence())
                            .containsEntry("table", "parcel")
                            .containsEntry("entity", "ParcelDto")
                            .containsKey("heldBy");
                    assertThat(f.message())
                            .contains("held the moved ParcelDto (matched by the entity its value holds)");
                });
        assertThat(run("list-old-parent").output()).containsPattern("Traffic: .*, 1 stale answers");
    }

    @Test
    void demoOfAVerificationScenarioShowsVerificationCountsInTheCachesTable() {
        DemoRun run = run("jdbc-bypass");
        assertThat(run.output())
                .containsPattern("cache +backend +gets +hits +misses +puts +evictions +clears +verifications")
                .containsPattern("items +redis +(\\d+ +){6}\\d+ fresh, [1-9]\\d* stale, \\d+ inconclusive");
        assertThat(run.report()).contains("\"kind\" : \"STALE_READ\"").contains("\"verifications\"");
    }

    @Test
    void bugsThatMissTheCachedEntryLeaveStaleAnswersInTheDemoTraffic() {
        for (String bug : new String[] {
            "key-prefix",
            "key-default",
            "key-type",
            "cache-name",
            "template-key",
            "jdbc-bypass",
            "entity-id-equals",
            "replica-lag",
            "long-ttl",
            "warm-once"
        }) {
            assertThat(run(bug).output()).as(bug).containsPattern("Traffic: .*, [1-9]\\d* stale answers");
        }
    }

    /**
     * Every stale read of every buggy scenario says what made it stale: the finding that explains it, or that no write
     * was seen; where the application made the change, the write and its site. The demo prints the timeline of each.
     */
    @Test
    void everyStaleReadOfEveryBuggyScenarioCarriesItsCauseAndTheWriteSiteWhereTheApplicationWrote() {
        int staleReads = 0;
        for (String bug : SampleBugs.CATALOGUE) {
            DemoRun run = run(bug);
            List<Finding> stale = run.findings().stream()
                    .filter(f -> f.kind() == FindingKind.STALE_READ)
                    .toList();
            for (Finding finding : stale) {
                staleReads++;
                Cause cause = finding.cause();
                assertThat(cause)
                        .as("cause of %s in %s%n%s", finding.message(), bug, run.output())
                        .isNotNull();
                // Linked to the finding that explains it, or "no write seen", or at least the application's write.
                assertThat(cause.causedBy() != null || cause.lastWrite() != null)
                        .as("causedBy or last write in %s%n%s", bug, run.output())
                        .isTrue();
                assertThat(cause.timeline())
                        .as(bug)
                        .isNotEmpty()
                        .last()
                        .asString()
                        .endsWith("stale read");
                assertThat(run.output()).as(bug).contains(cause.timelineLine());
                if (!bug.equals("foreign-writer")) {
                    // The application made every change of these scenarios: its write is the cause, never a foreign
                    // one.
                    assertThat(cause.lastWrite())
                            .as("last write in %s%n%s", bug, run.output())
                            .isNotNull();
                    assertThat(finding.sites())
                            .as(bug)
                            .isNotEmpty()
                            .contains(cause.lastWrite().site());
                    assertThat(cause.causedBy()).as(bug).isNotIn(Cause.NO_WRITE_SEEN, "FOREIGN_WRITE");
                }
            }
        }
        // The check above ran on real stale reads (jdbc-bypass, replica-lag and entity-id-equals have them).
        assertThat(staleReads).isGreaterThanOrEqualTo(3);
    }

    @Test
    void jdbcImportThatEvictsNothingIsTheCauseOfItsStaleReadsExplainedByTheUncoveredWrite() {
        DemoRun run = run("jdbc-bypass");
        assertThat(run.findings())
                .filteredOn(f -> f.kind() == FindingKind.STALE_READ && f.cache().equals(CacheNames.ITEMS))
                .isNotEmpty()
                .allSatisfy(f -> {
                    assertThat(f.cause().lastWrite().site()).isEqualTo(SCENARIO + "JdbcPriceImport#importPrices(Map)");
                    assertThat(f.cause().lastWrite().what()).isEqualTo("table items");
                    assertThat(f.cause().invalidation()).isNull();
                    assertThat(f.cause().causedBy()).isEqualTo("UNCOVERED_WRITE");
                    assertThat(f.cause().timeline()).contains("no eviction");
                });
        assertThat(run.output()).contains("Why stale").containsPattern("no eviction · t\\+\\d+ms stale read");
        assertThat(run.findings()).noneMatch(f -> f.kind() == FindingKind.FOREIGN_WRITE);
    }

    private static @Nullable Object aclUser(RedisConnection connection, String name) {
        return connection.execute(
                "ACL", "GETUSER".getBytes(StandardCharsets.UTF_8), name.getBytes(StandardCharsets.UTF_8));
    }

    /** For kinds whose findings name no code, such as those of verification. */
    private static void assertFound(String bug, FindingKind kind, String cache) {
        DemoRun run = run(bug);
        assertThat(run.exitCode()).isZero();
        assertThat(run.findings())
                .as("findings of %s", bug)
                .filteredOn(f -> f.kind() == kind && f.cache().equals(cache))
                .isNotEmpty()
                .anySatisfy(f -> assertThat(f.status()).isEqualTo("confirmed"));
    }

    private static void assertFound(String bug, FindingKind kind, String cache, String site) {
        DemoRun run = run(bug);
        assertThat(run.exitCode()).isZero();
        assertThat(run.findings())
                .as("findings of %s", bug)
                .filteredOn(f -> f.kind() == kind && f.cache().equals(cache))
                .isNotEmpty()
                .anySatisfy(f -> {
                    assertThat(f.sites()).contains(SCENARIO + site);
                    assertThat(f.status()).isEqualTo("confirmed");
                });
    }

    private static DemoRun run(String bug) {
        return runs.computeIfAbsent(bug, id -> DemoRun.of(id, directory.resolve(id + ".json")));
    }

    /** The scenarios whose writes only lineage sees, together and with verification off. */
    private static DemoRun lineageRun() {
        return runs.computeIfAbsent(
                "lineage",
                id -> DemoRun.of(
                        "mybatis-no-evict,evict-then-insert",
                        directory.resolve(id + ".json"),
                        "--cache-audit.verification.enabled=false"));
    }
}
