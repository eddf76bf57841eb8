package dev.cacheaudit.core.event;

/**
 * The end of a transaction.
 *
 * @param txId the transaction, as in {@link TxState#txId()}
 * @param outcome how it ended
 * @param nanos when it ended
 */
public record TxBoundary(long txId, Outcome outcome, long nanos) implements CacheEvent {

    /** How a transaction ended. */
    public enum Outcome {
        COMMITTED,
        ROLLED_BACK,
        UNKNOWN
    }
}
