package dev.cacheaudit.autoconfigure.it.tx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.verify.SkipReason;
import dev.cacheaudit.autoconfigure.verify.SourceReads;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.VerificationOutcome.Outcome;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.verify.VerificationStats;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The verifier cannot change data in an application with two databases and two transaction managers, neither primary:
 * each read runs, and is rolled back, in the transaction manager that owns its data. The same traffic — 1 010 calls
 * of each loader over ten keys — leaves exactly the rows an unaudited run leaves:
 *
 * <ul>
 *   <li>a loader transactional on the stock manager that logs its calls is verified, its inserts rolled back;
 *   <li>a loader transactional on the orders manager that writes to the stock database through the other manager is
 *       refused and skipped;
 *   <li>a loader with no transaction of its own, which cannot be told apart, is skipped as owner unknown — unless the
 *       cache names its manager with {@code cache-audit.caches.<name>.transaction-manager}, when it is verified and its
 *       inserts rolled back.
 * </ul>
 */
class TwoTransactionManagersVerificationTests {

    private static final int KEYS = 10;

    private static final int CALLS = 1_010;

    private static Run unaudited;

    private static Run audited;

    @BeforeAll
    static void runTrafficWithAndWithoutTheAuditor() {
        unaudited = Run.of(false);
        audited = Run.of(true);
    }

    @AfterAll
    static void stop() {
        audited.context.close();
    }

    @Test
    void rowCountsAfterThousandsOfVerifiedHitsEqualThoseOfAnUnauditedRun() {
        assertThat(unaudited.rows)
                .containsEntry("stock", (long) KEYS)
                .containsEntry("orders", (long) KEYS)
                .containsEntry("unowned", (long) KEYS)
                .containsEntry("named", (long) KEYS);
        assertThat(audited.rows).isEqualTo(unaudited.rows);
    }

    @Test
    void loaderOfTheSecondManagerIsVerifiedInItsTransaction() {
        VerificationStats stats = audited.audit.verificationStats();
        assertThat(stats.count("stock", Outcome.FRESH)).isGreaterThanOrEqualTo((CALLS - KEYS) / 2);
        assertThat(stats.count("stock", Outcome.INCONCLUSIVE)).isZero();
        assertThat(audited.calls.get("stock")).isGreaterThanOrEqualTo(CALLS);
    }

    @Test
    void rowChangedBehindTheCacheOfTheSecondManagerIsStillAStaleRead() {
        assertThat(audited.audit.verificationStats().count("stock", Outcome.STALE))
                .isPositive();
        assertThat(audited.audit.findings().findings())
                .filteredOn(f -> f.kind() == FindingKind.STALE_READ && f.cache().equals("stock"))
                .singleElement()
                .satisfies(f -> assertThat(f.count()).isEqualTo(1));
    }

    @Test
    void writeThroughTheOtherManagerIsRefusedAndTheLoaderSkipped() {
        SourceReads reads = audited.context.getBean(SourceReads.class);
        assertThat(reads.skipped("orders", SkipReason.OWN_TRANSACTION)).isGreaterThanOrEqualTo(CALLS - KEYS);
        assertThat(audited.audit.verificationStats().count("orders", Outcome.FRESH))
                .isZero();
        assertThat(audited.calls.get("orders")).isEqualTo(KEYS + 1);
    }

    @Test
    void loaderWhoseManagerCannotBeToldIsSkippedAsOwnerUnknown() {
        SourceReads reads = audited.context.getBean(SourceReads.class);
        assertThat(reads.skipped("unowned", SkipReason.OWNER_UNKNOWN)).isGreaterThanOrEqualTo(CALLS - KEYS);
        assertThat(audited.audit.verificationStats().count("unowned", Outcome.INCONCLUSIVE))
                .isGreaterThanOrEqualTo(CALLS - KEYS);
        // Never called by the verifier: its inserts, made outside any transaction, could not be undone.
        assertThat(audited.calls.get("unowned")).isEqualTo(KEYS);
    }

    @Test
    void managerNamedForTheCacheOwnsItsReads() {
        VerificationStats stats = audited.audit.verificationStats();
        assertThat(stats.count("named", Outcome.FRESH)).isGreaterThanOrEqualTo((CALLS - KEYS) / 2);
        assertThat(stats.count("named", Outcome.INCONCLUSIVE)).isZero();
        assertThat(audited.calls.get("named")).isGreaterThanOrEqualTo(CALLS);
    }

    /** One run of the traffic, audited or not. */
    static final class Run {

        ConfigurableApplicationContext context;

        CacheAudit audit;

        final Map<String, Long> rows = new LinkedHashMap<>();

        Map<String, Integer> calls;

        static Run of(boolean audited) {
            Run run = new Run();
            run.context = new SpringApplicationBuilder(App.class)
                    .web(WebApplicationType.NONE)
                    .properties(
                            "spring.main.banner-mode=off",
                            "spring.jmx.enabled=false",
                            "spring.cache.type=simple",
                            "spring.data.jpa.repositories.enabled=false",
                            "test.databases=" + System.nanoTime(),
                            "cache-audit.enabled=" + audited,
                            "cache-audit.verification.enabled=true",
                            "cache-audit.verification.sample-rate=1.0",
                            "cache-audit.verification.max-per-second=100000",
                            "cache-audit.verification.grace=300ms",
                            "cache-audit.verification.windows=100ms",
                            "cache-audit.caches.named.transaction-manager=stockTransactions")
                    .run();
            JdbcTemplate stock = new JdbcTemplate(run.context.getBean("stockDataSource", DataSource.class));
            JdbcTemplate orders = new JdbcTemplate(run.context.getBean("ordersDataSource", DataSource.class));
            stock.execute("create table stock (id bigint primary key, level int)");
            stock.execute("create table call_log (loader varchar(64), item bigint)");
            orders.execute("create table orders (id bigint primary key, item bigint)");
            for (long id = 0; id < KEYS; id++) {
                stock.update("insert into stock values (?, ?)", id, 100 + id);
                orders.update("insert into orders values (?, ?)", id, id);
            }
            Loaders loaders = run.context.getBean(Loaders.class);
            for (int i = 0; i < CALLS; i++) {
                long id = i % KEYS;
                loaders.stock(id);
                loaders.orders(id);
                loaders.unowned(id);
                loaders.named(id);
                if (i == CALLS / 2) {
                    stock.update("update stock set level = -1 where id = 0");
                }
            }
            if (audited) {
                run.audit = run.context.getBean(CacheAudit.class);
                VerificationStats stats = run.audit.verificationStats();
                List<String> caches = List.of("stock", "orders", "unowned", "named");
                await(
                        () -> caches.stream().allMatch(cache -> checked(stats, cache) >= CALLS - KEYS),
                        () -> "checks made: "
                                + caches.stream()
                                        .map(c -> c + "=" + checked(stats, c))
                                        .toList());
                await(
                        () -> run.audit.findings().findings().stream()
                                .anyMatch(f -> f.kind() == FindingKind.STALE_READ
                                        && f.cache().equals("stock")),
                        () -> "a stale read");
                assertThat(run.audit.awaitQuiescence(Duration.ofSeconds(5)))
                        .as("events analysed")
                        .isTrue();
            }
            for (String loader : List.of("stock", "orders", "unowned", "named")) {
                run.rows.put(
                        loader,
                        stock.queryForObject("select count(*) from call_log where loader = ?", Long.class, loader));
            }
            run.rows.put("stock rows", stock.queryForObject("select count(*) from stock", Long.class));
            run.rows.put("order rows", orders.queryForObject("select count(*) from orders", Long.class));
            run.calls = loaders.calls();
            if (!audited) {
                run.context.close();
            }
            return run;
        }

        private static long checked(VerificationStats stats, String cache) {
            long checked = 0;
            for (Outcome outcome : Outcome.values()) {
                checked += stats.count(cache, outcome);
            }
            return checked;
        }

        private static void await(BooleanSupplier condition, Supplier<String> waitingFor) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!condition.getAsBoolean()) {
                assertThat(System.nanoTime()).as(waitingFor).isLessThan(deadline);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(ex);
                }
            }
        }
    }

    record Level(long id, int level) {}

    static class Loaders {

        private final Map<String, AtomicInteger> calls = new LinkedHashMap<>();

        private final JdbcTemplate stock;

        private final JdbcTemplate orders;

        private final TransactionTemplate stockTransaction;

        Loaders(JdbcTemplate stock, JdbcTemplate orders, TransactionTemplate stockTransaction) {
            this.stock = stock;
            this.orders = orders;
            this.stockTransaction = stockTransaction;
            for (String loader : List.of("stock", "orders", "unowned", "named")) {
                calls.put(loader, new AtomicInteger());
            }
        }

        public Map<String, Integer> calls() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            calls.forEach((loader, count) -> counts.put(loader, count.get()));
            return counts;
        }

        @Cacheable(cacheNames = "stock", key = "#id")
        @Transactional("stockTransactions")
        public Level stock(long id) {
            return loggedLevel("stock", id);
        }

        @Cacheable(cacheNames = "orders", key = "#id")
        @Transactional(transactionManager = "ordersTransactions", readOnly = true)
        public Long orders(long id) {
            calls.get("orders").incrementAndGet();
            Long item = orders.queryForObject("select item from orders where id = ?", Long.class, id);
            stockTransaction.executeWithoutResult(
                    status -> stock.update("insert into call_log (loader, item) values ('orders', ?)", item));
            return item;
        }

        @Cacheable(cacheNames = "unowned", key = "#id")
        public Level unowned(long id) {
            return loggedLevel("unowned", id);
        }

        @Cacheable(cacheNames = "named", key = "#id")
        public Level named(long id) {
            return loggedLevel("named", id);
        }

        private Level loggedLevel(String loader, long id) {
            calls.get(loader).incrementAndGet();
            stock.update("insert into call_log (loader, item) values (?, ?)", loader, id);
            Integer level = stock.queryForObject("select level from stock where id = ?", Integer.class, id);
            return new Level(id, level);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableCaching
    @EnableTransactionManagement
    static class App {

        @Bean
        DataSource stockDataSource(org.springframework.core.env.Environment environment) {
            return h2("stock-" + environment.getProperty("test.databases"));
        }

        @Bean
        DataSource ordersDataSource(org.springframework.core.env.Environment environment) {
            return h2("orders-" + environment.getProperty("test.databases"));
        }

        @Bean
        DataSourceTransactionManager stockTransactions(@Qualifier("stockDataSource") DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }

        @Bean
        DataSourceTransactionManager ordersTransactions(@Qualifier("ordersDataSource") DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }

        @Bean
        Loaders loaders(
                @Qualifier("stockDataSource") DataSource stock,
                @Qualifier("ordersDataSource") DataSource orders,
                @Qualifier("stockTransactions") PlatformTransactionManager stockTransactions) {
            return new Loaders(
                    new JdbcTemplate(stock), new JdbcTemplate(orders), new TransactionTemplate(stockTransactions));
        }

        private static DataSource h2(String name) {
            return new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        }
    }
}
