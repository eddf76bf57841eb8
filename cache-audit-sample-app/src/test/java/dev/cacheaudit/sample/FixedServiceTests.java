package dev.cacheaudit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.report.AuditReport;
import dev.cacheaudit.core.report.CacheReport;
import dev.cacheaudit.sample.customer.CustomerCaches;
import dev.cacheaudit.sample.demo.Demo;
import dev.cacheaudit.sample.demo.DemoProperties;
import dev.cacheaudit.sample.demo.Traffic;
import dev.cacheaudit.sample.demo.TrafficLog;
import dev.cacheaudit.sample.user.UserDto;
import dev.cacheaudit.sample.user.UserService;
import dev.cacheaudit.testsupport.RedisServer;
import dev.cacheaudit.testsupport.RequiresRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;

/**
 * The service with every fix in place, on the local Redis and with the demo's settings (verification on), driven by the
 * demo's traffic — every scenario's traffic, each with its fixed variant — and given the demo's settling period, so
 * that the time-based checks (uncovered writes, full clears, verification windows and rechecks) have judged every
 * write: not one finding of any kind.
 */
@RequiresRedis
class FixedServiceTests {

    private static ConfigurableApplicationContext context;

    private static TrafficLog traffic;

    private static UserDto firstUserAfterStart;

    private static AuditReport report;

    @BeforeAll
    static void driveTheDemoTraffic() {
        RedisServer.HostAndPort redis = SampleApps.assumeRedis();
        String keyPrefix = RedisServer.uniqueKeyPrefix();
        plantEntryOfAnEarlierRun(redis, keyPrefix, new UserDto(1, "alice@example.com", "Name from an earlier run"));
        context = SampleApps.start("--demo", "--sample.bugs=", "--spring.cache.redis.key-prefix=" + keyPrefix);
        firstUserAfterStart = context.getBean(UserService.class).find(1);
        traffic = context.getBean(Demo.class).drive();
        settle(context.getBean(DemoProperties.class).getSettle());
        CacheAudit audit = context.getBean(CacheAudit.class);
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        report = audit.report();
    }

    private static void settle(Duration settle) {
        assertThat(settle).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        try {
            Thread.sleep(settle.toMillis());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Writes an entry as an earlier run of the app with the same key prefix would have left it in Redis. */
    private static void plantEntryOfAnEarlierRun(RedisServer.HostAndPort redis, String keyPrefix, UserDto user) {
        LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(redis.host(), redis.port());
        connectionFactory.afterPropertiesSet();
        connectionFactory.start();
        try (RedisConnection connection = connectionFactory.getConnection()) {
            byte[] key = (keyPrefix + CacheNames.USERS + "::" + user.id()).getBytes(StandardCharsets.UTF_8);
            connection.stringCommands().set(key, new JdkSerializationRedisSerializer().serialize(user));
        } finally {
            connectionFactory.destroy();
        }
    }

    @AfterAll
    static void close() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void entriesLeftInRedisByAnEarlierRunAreNotServed() {
        assertThat(firstUserAfterStart.name()).isEqualTo("Alice");
    }

    /**
     * The tables and key columns lineage learned for every cache of the app from the queries its loads ran, as the
     * report and the endpoint show them. A cache loaded whole (every country, a page of them) has no key column; a
     * key compared in one letter case ({@code findByEmailIgnoreCase}) still binds its column.
     */
    @Test
    void reportShowsTheTablesAndKeyColumnsEveryCacheIsLoadedFrom() {
        Map<String, List<CacheReport.Table>> expected = new TreeMap<>();
        expected.put(CacheNames.USERS, loadedFrom("users", "id"));
        expected.put(CacheNames.USERS_BY_EMAIL, loadedFrom("users", "email"));
        expected.put(CacheNames.PRODUCTS, loadedFrom("products", "id"));
        expected.put(CacheNames.ORDERS, loadedFrom("orders", "id"));
        expected.put(CacheNames.PRICES, loadedFrom("products", "id"));
        expected.put(CacheNames.ORDER_TRACKING, loadedFrom("orders", "id"));
        expected.put(CacheNames.RECOMMENDATIONS, loadedFrom("orders", "user_id"));
        // Loaded from the products cache, so configured (application.yml): no query of its loads binds a key column.
        expected.put(CacheNames.PRODUCT_CARDS, List.of(new CacheReport.Table("products", List.of(), "configuration")));
        expected.put(CacheNames.ITEMS, loadedFrom("items", "id"));
        expected.put(CacheNames.STOCK_LEVELS, loadedFrom("items", "id"));
        expected.put(CacheNames.ITEM_PAGES, loadedFrom("items", "id"));
        expected.put(CacheNames.ITEM_LABELS, loadedFrom("items", "id"));
        expected.put(CacheNames.DAILY_DEALS, loadedFrom("items", "id"));
        expected.put(CacheNames.COUNTRIES, loadedFrom("countries"));
        expected.put(CacheNames.COUNTRY_PAGES, loadedFrom("countries"));
        expected.put(CacheNames.CURRENCIES, loadedFrom("currencies", "id"));
        expected.put(CacheNames.ROUND_PARCELS, loadedFrom("parcel", "round_id"));
        expected.put(CustomerCaches.CUSTOMERS_BY_PHONE, loadedFrom("customers", "phone"));
        expected.put(CustomerCaches.CUSTOMERS_BY_EMAIL, loadedFrom("customers", "email"));
        expected.put(CustomerCaches.CUSTOMERS_BY_LOGIN, loadedFrom("customers", "login"));
        expected.put(CacheNames.COUPONS, loadedFrom("coupons", "id"));
        expected.put(CacheNames.PRODUCT_REVIEWS, loadedFrom("reviews", "product_id"));
        expected.put(CacheNames.SHELF_STOCK, loadedFrom("items", "id"));
        expected.put(CacheNames.ITEM_OFFERS, loadedFrom("items", "id"));
        Map<String, List<CacheReport.Table>> reported = new TreeMap<>();
        report.caches().forEach(cache -> reported.put(cache.name(), cache.tables()));
        assertThat(reported).isEqualTo(expected);
    }

    private static List<CacheReport.Table> loadedFrom(String table, String... keyColumns) {
        return List.of(new CacheReport.Table(table, List.of(keyColumns), "loads"));
    }

    @Test
    void fixedServiceYieldsNoFindings() {
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void redisStaysThePrimaryCacheManagerBesideTheLocalOne() {
        assertThat(context.getBean(CacheManager.class)).isInstanceOf(RedisCacheManager.class);
        assertThat(context.getBean(CacheNames.LOCAL_CACHE_MANAGER, CacheManager.class))
                .isInstanceOf(ConcurrentMapCacheManager.class);
    }

    @Test
    void everyServiceCacheIsBackedByRedisAndServesHits() {
        assertThat(report.caches())
                .filteredOn(cache -> CacheNames.ALL.contains(cache.name()))
                .hasSameSizeAs(CacheNames.ALL)
                .allSatisfy(cache -> {
                    assertThat(cache.backend()).isEqualTo("redis");
                    assertThat(cache.hits()).isPositive();
                });
    }

    @Test
    void everyScenarioTrafficIsDrivenWithItsFixedVariant() {
        assertThat(context.getBeansOfType(Traffic.class)).hasSize(3 + 25);
        assertThat(report.caches())
                .extracting(CacheReport::name)
                .containsExactlyInAnyOrder(
                        CacheNames.USERS,
                        CacheNames.USERS_BY_EMAIL,
                        CacheNames.PRODUCTS,
                        CacheNames.ORDERS,
                        CacheNames.PRICES,
                        CacheNames.ORDER_TRACKING,
                        CacheNames.RECOMMENDATIONS,
                        CacheNames.PRODUCT_CARDS,
                        CacheNames.ITEMS,
                        CacheNames.STOCK_LEVELS,
                        CacheNames.ITEM_PAGES,
                        CacheNames.ITEM_LABELS,
                        CacheNames.DAILY_DEALS,
                        CacheNames.COUNTRIES,
                        CacheNames.COUNTRY_PAGES,
                        CacheNames.CURRENCIES,
                        CacheNames.ROUND_PARCELS,
                        CacheNames.SHELF_STOCK,
                        CacheNames.ITEM_OFFERS,
                        CustomerCaches.CUSTOMERS_BY_PHONE,
                        CustomerCaches.CUSTOMERS_BY_EMAIL,
                        CustomerCaches.CUSTOMERS_BY_LOGIN,
                        CacheNames.COUPONS,
                        CacheNames.PRODUCT_REVIEWS);
        assertThat(report.caches()).allSatisfy(cache -> {
            assertThat(cache.puts()).as(cache.name()).isPositive();
            assertThat(cache.clears()).as(cache.name()).isZero();
        });
        // Nothing writes the daily deal (its fix is sync = true, not an invalidation) nor the countries (read-only).
        assertThat(report.caches())
                .filteredOn(cache -> !List.of(CacheNames.DAILY_DEALS, CacheNames.COUNTRIES, CacheNames.COUNTRY_PAGES)
                        .contains(cache.name()))
                .allSatisfy(
                        cache -> assertThat(cache.evictions()).as(cache.name()).isPositive());
    }

    /**
     * Every cache is verified, the entries of the verification scenarios' caches are found fresh, and no cache has a
     * confirmed stale entry: the report's stale count is of differences that outlasted the grace period, not of those
     * that raced a write and were fresh again within it.
     */
    @Test
    void verificationComparesCachedValuesWithTheirSourceAndFindsThemFresh() {
        assertThat(context.getEnvironment().getProperty("cache-audit.verification.enabled", Boolean.class))
                .isTrue();
        assertThat(report.caches())
                .allSatisfy(cache ->
                        assertThat(cache.verifications()).as(cache.name()).isNotNull());
        assertThat(report.caches())
                .filteredOn(cache -> List.of(
                                CacheNames.ITEMS,
                                CacheNames.STOCK_LEVELS,
                                CacheNames.ITEM_PAGES,
                                CacheNames.ITEM_LABELS,
                                CacheNames.DAILY_DEALS,
                                CacheNames.COUNTRIES,
                                CacheNames.COUNTRY_PAGES,
                                CacheNames.CURRENCIES,
                                CacheNames.ITEM_OFFERS)
                        .contains(cache.name()))
                .hasSize(9)
                .allSatisfy(cache -> assertThat(cache.verifications().fresh())
                        .as(cache.name())
                        .isPositive());
        assertThat(report.caches())
                .allSatisfy(cache -> assertThat(cache.verifications().stale())
                        .as(cache.name())
                        .isZero());
    }

    @Test
    void readsAfterEveryWriteSeeTheNewValue() {
        assertThat(traffic.writes()).isPositive();
        assertThat(traffic.staleAnswers()).isEmpty();
    }

    @Test
    void writesInvalidateTheEntriesTheyChange() {
        assertThat(report.caches())
                .filteredOn(cache ->
                        cache.name().equals(CacheNames.ORDERS) || cache.name().equals(CacheNames.PRODUCTS))
                .allSatisfy(cache -> assertThat(cache.evictions()).isPositive());
        assertThat(report.caches())
                .filteredOn(cache -> cache.name().startsWith(CacheNames.USERS))
                .allSatisfy(cache -> assertThat(cache.puts()).isGreaterThan(cache.misses()));
    }
}
