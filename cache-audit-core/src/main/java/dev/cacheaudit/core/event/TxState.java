package dev.cacheaudit.core.event;

/**
 * The transaction state of the thread when an operation ran.
 *
 * @param txId an identifier of the transaction, unique within this process; {@code 0} when none was active
 * @param cacheTransactionAware whether the cache defers its writes to after the commit
 */
public record TxState(long txId, boolean cacheTransactionAware) {

    /** No transaction. */
    public static final TxState NONE = new TxState(0, false);

    /** Whether a transaction was active. */
    public boolean active() {
        return txId != 0;
    }
}
