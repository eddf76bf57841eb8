package dev.cacheaudit.autoconfigure.support;

import dev.cacheaudit.core.event.TxState;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Tells the transaction state of the current thread. */
@FunctionalInterface
public interface TransactionProbe {

    /** A probe for applications without Spring's transaction support. */
    TransactionProbe NONE = cacheTransactionAware -> cacheTransactionAware ? new TxState(0, true) : TxState.NONE;

    /** The current thread's transaction state, for an operation on a cache that is or is not transaction-aware. */
    TxState current(boolean cacheTransactionAware);

    /**
     * Notes where the current transaction does its work, the first time it is called in that transaction; later calls
     * cost a lookup. Writes flushed at commit, after that code has returned, are attributed to it.
     */
    default void noteSite(Supplier<String> site) {}

    /** The site noted for the current transaction, or {@code null}. */
    default @Nullable String transactionSite() {
        return null;
    }
}
