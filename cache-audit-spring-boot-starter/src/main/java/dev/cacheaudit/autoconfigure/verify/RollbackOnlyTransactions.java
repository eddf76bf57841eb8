package dev.cacheaudit.autoconfigure.verify;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.Ordered;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs every verification read in a read-only transaction of the manager that owns its data, and always rolls it back:
 * whatever the read writes through that manager — a row inserted by a loader that logs its calls, say — is undone.
 *
 * <p>A read may not leave that transaction. Beginning a transaction of its own ({@code REQUIRES_NEW}), running without
 * one ({@code NOT_SUPPORTED}) or beginning one on another manager all start by suspending the transaction synchronizations
 * of the thread; a synchronization of ours, first in order, refuses to be suspended, so the new transaction never starts
 * and nothing is written outside the rolled-back one. The read is then reported {@link SkipReason#OWN_TRANSACTION},
 * even when the loading method caught the refusal. This holds for every manager derived from
 * {@link AbstractPlatformTransactionManager} (all of Spring's); where a manager is not, reads are skipped
 * ({@link SkipReason#UNGUARDED}).
 *
 * <p>The transaction carries {@code cache-audit.verification.timeout} as its timeout, so JDBC statements and JPA queries
 * made in it give up by themselves; its JPA entity managers read past the shared (second-level) cache
 * ({@link SharedCacheBypass}).
 */
public final class RollbackOnlyTransactions implements ReadTransactions {

    private static final Logger logger = LoggerFactory.getLogger(RollbackOnlyTransactions.class);

    private final TransactionOwners owners;

    private final int timeoutSeconds;

    private volatile @Nullable Boolean guardable;

    /**
     * @param beans where the transaction managers are
     * @param byCache transaction manager bean names, by cache, set by configuration
     * @param timeout how long a read may take
     */
    public RollbackOnlyTransactions(ListableBeanFactory beans, Map<String, String> byCache, Duration timeout) {
        this.owners = new TransactionOwners(beans, byCache);
        this.timeoutSeconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    @Override
    public @Nullable Object call(String cache, Object bean, Method method, Callable<@Nullable Object> read)
            throws Exception {
        if (owners.managers().length == 0) {
            return read.call();
        }
        if (!guardable()) {
            throw new SkippedRead(SkipReason.UNGUARDED);
        }
        PlatformTransactionManager manager = owners.ownerOf(cache, bean, method).manager();
        if (manager == null) {
            throw new SkippedRead(SkipReason.OWNER_UNKNOWN);
        }
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
        definition.setName("cache-audit verification");
        definition.setReadOnly(true);
        definition.setTimeout(timeoutSeconds);
        definition.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        TransactionStatus status = manager.getTransaction(definition);
        try {
            if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                throw new SkippedRead(SkipReason.UNGUARDED);
            }
            RefuseSuspension guard = new RefuseSuspension();
            TransactionSynchronizationManager.registerSynchronization(guard);
            SharedCacheBypass.apply();
            Object value;
            try {
                value = read.call();
            } catch (Exception ex) {
                throw guard.refused ? new SkippedRead(SkipReason.OWN_TRANSACTION) : ex;
            }
            if (guard.refused) {
                throw new SkippedRead(SkipReason.OWN_TRANSACTION);
            }
            return value;
        } finally {
            rollback(manager, status);
        }
    }

    private static void rollback(PlatformTransactionManager manager, TransactionStatus status) {
        if (status.isCompleted()) {
            return;
        }
        try {
            manager.rollback(status);
        } catch (RuntimeException ex) {
            logger.debug("cache-audit could not roll back a verification read", ex);
        }
    }

    /** Whether every transaction manager consults synchronizations before it begins a transaction. */
    private boolean guardable() {
        Boolean known = guardable;
        if (known == null) {
            known = true;
            for (String name : owners.managers()) {
                if (!(owners.manager(name) instanceof AbstractPlatformTransactionManager)) {
                    logger.warn(
                            "cache-audit cannot guard transaction manager '{}' ({}); re-made loading calls and"
                                    + " SourceOfTruth reads are not verified",
                            name,
                            owners.manager(name).getClass().getName());
                    known = false;
                }
            }
            guardable = known;
        }
        return known;
    }

    /** Refuses the suspension of the verification transaction, which every escape from it starts with. */
    private static final class RefuseSuspension implements TransactionSynchronization, Ordered {

        private volatile boolean refused;

        @Override
        public void suspend() {
            refused = true;
            throw new IllegalStateException(
                    "cache-audit verification refuses a new transaction or a suspension inside a source read;"
                            + " its transaction is always rolled back");
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
