package dev.cacheaudit.autoconfigure.tx;

import dev.cacheaudit.autoconfigure.support.TransactionProbe;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.TxBoundary;
import dev.cacheaudit.core.event.TxState;
import java.util.concurrent.atomic.AtomicLong;
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
        long id;
        if (bound instanceof Long existing) {
            id = existing;
        } else {
            id = IDS.incrementAndGet();
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.bindResource(TX_ID, id);
                TransactionSynchronizationManager.registerSynchronization(new Boundary(id));
            }
        }
        return new TxState(id, cacheTransactionAware);
    }

    private final class Boundary implements TransactionSynchronization {

        private final long id;

        Boundary(long id) {
            this.id = id;
        }

        @Override
        public int getOrder() {
            // Last, so that the boundary is recorded after other synchronizations (such as a transaction-aware
            // cache's deferred evictions) have run.
            return LOWEST_PRECEDENCE;
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(TX_ID);
            TxBoundary.Outcome outcome =
                    switch (status) {
                        case STATUS_COMMITTED -> TxBoundary.Outcome.COMMITTED;
                        case STATUS_ROLLED_BACK -> TxBoundary.Outcome.ROLLED_BACK;
                        default -> TxBoundary.Outcome.UNKNOWN;
                    };
            audit.submit(new TxBoundary(id, outcome, System.nanoTime()));
        }
    }
}
