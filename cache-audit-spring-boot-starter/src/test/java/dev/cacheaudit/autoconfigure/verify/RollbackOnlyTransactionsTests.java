package dev.cacheaudit.autoconfigure.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads run in a rolled-back transaction and cannot leave it, on a real H2 database: whatever way a read tries to
 * write outside it — a transaction of its own, a suspension, another manager — it is refused before it begins.
 */
class RollbackOnlyTransactionsTests {

    private static final Method READ = method("read");

    private final DataSource dataSource = h2("rollback-only-" + System.nanoTime());

    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);

    private final DataSourceTransactionManager manager = new DataSourceTransactionManager(dataSource);

    private final StaticListableBeanFactory beans = new StaticListableBeanFactory();

    @BeforeEach
    void createTable() {
        jdbc.execute("create table item (id bigint, name varchar(32))");
        jdbc.update("insert into item values (1, 'kept')");
        beans.addBean("transactionManager", manager);
    }

    @Test
    void whatTheReadWritesIsRolledBackAndWhatItReadsReturned() throws Exception {
        Object name = transactions().call("items", this, READ, () -> {
            jdbc.update("insert into item values (2, 'written by the read')");
            return jdbc.queryForObject("select count(*) from item", Integer.class);
        });

        assertThat(name).isEqualTo(2);
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void savepointInsideTheReadIsAllowedAndRolledBackWithIt() throws Exception {
        TransactionTemplate nested = template(manager, TransactionDefinition.PROPAGATION_NESTED);

        Object value = transactions().call("items", this, READ, () -> {
            nested.executeWithoutResult(status -> jdbc.update("insert into item values (3, 'nested')"));
            return "read";
        });

        assertThat(value).isEqualTo("read");
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void transactionOfItsOwnIsRefusedBeforeItBegins() {
        TransactionTemplate requiresNew = template(manager, TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        assertRefused(() -> {
            requiresNew.executeWithoutResult(status -> jdbc.update("insert into item values (4, 'escaped')"));
            return "read";
        });
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void suspensionToWriteWithoutATransactionIsRefused() {
        TransactionTemplate notSupported = template(manager, TransactionDefinition.PROPAGATION_NOT_SUPPORTED);

        assertRefused(() -> {
            notSupported.executeWithoutResult(status -> jdbc.update("insert into item values (5, 'autocommitted')"));
            return "read";
        });
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void refusalCaughtByTheReadStillMakesItSkipped() {
        TransactionTemplate requiresNew = template(manager, TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        assertRefused(() -> {
            try {
                requiresNew.executeWithoutResult(status -> jdbc.update("insert into item values (6, 'swallowed')"));
            } catch (RuntimeException ex) {
                // An audit trail that must never fail the business call.
            }
            return "read";
        });
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void transactionOnAnotherManagerIsRefused() {
        DataSource other = h2("other-" + System.nanoTime());
        new JdbcTemplate(other).execute("create table item (id bigint)");
        DataSourceTransactionManager otherManager = new DataSourceTransactionManager(other);
        beans.addBean("otherTransactionManager", otherManager);
        TransactionTemplate onOther = template(otherManager, TransactionDefinition.PROPAGATION_REQUIRED);

        SkippedRead skipped = catchSkipped(
                new RollbackOnlyTransactions(beans, Map.of("items", "transactionManager"), Duration.ofSeconds(2)),
                () -> {
                    onOther.executeWithoutResult(
                            status -> new JdbcTemplate(other).update("insert into item values (7)"));
                    return "read";
                });

        assertThat(skipped.reason()).isEqualTo(SkipReason.OWN_TRANSACTION);
        assertThat(new JdbcTemplate(other).queryForObject("select count(*) from item", Integer.class))
                .isZero();
    }

    @Test
    void readOfANonTransactionalMethodAmongSeveralManagersIsSkippedAsOwnerUnknown() {
        beans.addBean("otherTransactionManager", new DataSourceTransactionManager(h2("unknown-" + System.nanoTime())));
        int[] calls = {0};

        SkippedRead skipped = catchSkipped(transactions(), () -> calls[0]++);

        assertThat(skipped.reason()).isEqualTo(SkipReason.OWNER_UNKNOWN);
        assertThat(calls[0]).isZero();
    }

    @Test
    void managerThatCannotBeGuardedMakesReadsSkipped() {
        beans.addBean("custom", new CustomTransactionManager());
        int[] calls = {0};

        SkippedRead skipped = catchSkipped(
                new RollbackOnlyTransactions(beans, Map.of("items", "transactionManager"), Duration.ofSeconds(2)),
                () -> calls[0]++);

        assertThat(skipped.reason()).isEqualTo(SkipReason.UNGUARDED);
        assertThat(calls[0]).isZero();
    }

    @Test
    void withoutAnyTransactionManagerTheReadRunsAsItIs() throws Exception {
        Object value = new RollbackOnlyTransactions(new StaticListableBeanFactory(), Map.of(), Duration.ofSeconds(2))
                .call("items", this, READ, () -> "read");

        assertThat(value).isEqualTo("read");
    }

    private void assertRefused(Callable<@Nullable Object> read) {
        assertThat(catchSkipped(transactions(), read).reason()).isEqualTo(SkipReason.OWN_TRANSACTION);
    }

    private SkippedRead catchSkipped(RollbackOnlyTransactions transactions, Callable<@Nullable Object> read) {
        Throwable thrown =
                org.assertj.core.api.Assertions.catchThrowable(() -> transactions.call("items", this, READ, read));
        assertThat(thrown).isInstanceOf(SkippedRead.class);
        return (SkippedRead) thrown;
    }

    private RollbackOnlyTransactions transactions() {
        return new RollbackOnlyTransactions(beans, Map.of(), Duration.ofSeconds(2));
    }

    private int rows() {
        return jdbc.queryForObject("select count(*) from item", Integer.class);
    }

    private static TransactionTemplate template(PlatformTransactionManager manager, int propagation) {
        TransactionTemplate template = new TransactionTemplate(manager);
        template.setPropagationBehavior(propagation);
        return template;
    }

    private static DataSource h2(String name) {
        return new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    }

    private static Method method(String name) {
        try {
            return RollbackOnlyTransactionsTests.class.getDeclaredMethod(name);
        } catch (NoSuchMethodException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Stands for a loading method with no transaction of its own. */
    @SuppressWarnings("unused")
    private void read() {}

    /** A manager of its own making, which knows nothing of synchronizations. */
    static final class CustomTransactionManager implements PlatformTransactionManager {

        @Override
        public TransactionStatus getTransaction(@Nullable TransactionDefinition definition) {
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {}

        @Override
        public void rollback(TransactionStatus status) {}
    }
}
