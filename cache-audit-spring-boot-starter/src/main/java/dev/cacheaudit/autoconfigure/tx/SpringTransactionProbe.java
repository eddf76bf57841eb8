package dev.cacheaudit.autoconfigure.tx;

import dev.cacheaudit.autoconfigure.support.TransactionProbe;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.TxBoundary;
import dev.cacheaudit.core.event.TxState;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reads the transaction state from Spring's {@link TransactionSynchronizationManager}. The first operation recorded
 * in a transaction gives it an id and registers a synchronization that reports how and when it ended.
 */
public final class SpringTransactionProbe implements TransactionProbe {

    private static final Object TX_ID = new Object();

    private static final AtomicLong IDS = new AtomicLong();

    private final CacheAudit audit;

    public SpringTransactionProbe(CacheAudit audit) {
        this.audit = audit;
    }

    @Override
    public TxState current(boolean cacheTransactionAware) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return cacheTransactionAware ? new TxState(0, true) : TxState.NONE;
        }
        Object bound = TransactionSynchronizationManager.getResource(TX_ID);
        if (bound instanceof Boundary boundary) {
            // After the commit (in AFTER_COMMIT listeners, say) the thread still counts as in the transaction.
            return boundary.committed
                    ? TransactionProbe.NONE.current(cacheTransactionAware)
                    : new TxState(boundary.id, cacheTransactionAware);
        }
        long id = IDS.incrementAndGet();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            Boundary boundary = new Boundary(id);
            TransactionSynchronizationManager.bindResource(TX_ID, boundary);
            TransactionSynchronizationManager.registerSynchronization(boundary);
        }
        return new TxState(id, cacheTransactionAware);
    }

    @Override
    public void noteSite(Supplier<String> site) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return;
        }
        current(false);
        if (TransactionSynchronizationManager.getResource(TX_ID) instanceof Boundary boundary
                && boundary.site == null
                && !boundary.committed) {
            boundary.site = site.get();
        }
    }

    @Override
    public @Nullable String transactionSite() {
        return TransactionSynchronizationManager.getResource(TX_ID) instanceof Boundary boundary ? boundary.site : null;
    }

    /**
     * Reports how a transaction ended. It runs first among the synchronizations, so that the commit is recorded at the
     * moment it happened and operations in after-commit callbacks (such as {@code @TransactionalEventListener}) are
     * seen as after the commit.
     */
    private final class Boundary implements TransactionSynchronization {

        private final long id;

        private volatile boolean committed;

        private @Nullable String site;

        Boundary(long id) {
            this.id = id;
        }

        @Override
        public int getOrder() {
            return HIGHEST_PRECEDENCE;
        }

        @Override
        public void afterCommit() {
            committed = true;
            audit.submit(new TxBoundary(id, TxBoundary.Outcome.COMMITTED, audit.nanoTime()));
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(TX_ID);
            if (committed) {
                return;
            }
            // Committed without our afterCommit having run: this boundary was registered during the after-commit
            // callbacks, so what was recorded under its id ran after the commit, not before it.
            TxBoundary.Outcome outcome =
                    status == STATUS_ROLLED_BACK ? TxBoundary.Outcome.ROLLED_BACK : TxBoundary.Outcome.UNKNOWN;
            audit.submit(new TxBoundary(id, outcome, audit.nanoTime()));
        }
    }
}
