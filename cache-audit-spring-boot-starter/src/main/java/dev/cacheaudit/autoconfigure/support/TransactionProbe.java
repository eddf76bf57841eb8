package dev.cacheaudit.autoconfigure.support;

import dev.cacheaudit.core.event.TxState;

/** Tells the transaction state of the current thread. */
@FunctionalInterface
public interface TransactionProbe {

    /** A probe for applications without Spring's transaction support. */
    TransactionProbe NONE = cacheTransactionAware -> cacheTransactionAware ? new TxState(0, true) : TxState.NONE;

    /** The current thread's transaction state, for an operation on a cache that is or is not transaction-aware. */
    TxState current(boolean cacheTransactionAware);
}
