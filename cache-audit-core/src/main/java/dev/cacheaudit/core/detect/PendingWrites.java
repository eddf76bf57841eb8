package dev.cacheaudit.core.detect;

import dev.cacheaudit.core.event.TxBoundary;
import dev.cacheaudit.core.event.TxState;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Writes to the source of truth waiting to be judged for coverage, held alike for entity writes
 * ({@code UNCOVERED_WRITE}) and SQL statements (lineage). A write in a transaction waits for it to end: a rollback
 * forgets it, a commit starts its coverage window; a write outside any transaction is its own unit of work and starts
 * the window at once. When the window has passed the write is due. Bounded: when {@link #full()}, the caller counts
 * the write as forgotten instead of adding it. Owned by the engine thread.
 *
 * @param <W> what the detector needs to judge the write
 */
public final class PendingWrites<W> {

    private final int capacity;

    private final long windowNanos;

    private final Map<Long, List<Due<W>>> byTransaction = new HashMap<>();

    private final ArrayDeque<Due<W>> due = new ArrayDeque<>();

    private int pending;

    public PendingWrites(int capacity, Duration window) {
        this.capacity = capacity;
        this.windowNanos = window.toNanos();
    }

    /** Whether no more writes can wait. */
    public boolean full() {
        return pending >= capacity;
    }

    /** Whether a write of this transaction already waits that {@code same} accepts. */
    public boolean waiting(long txId, Predicate<W> same) {
        List<Due<W>> inTransaction = byTransaction.get(txId);
        return inTransaction != null && inTransaction.stream().anyMatch(waiting -> same.test(waiting.write()));
    }

    /** Adds a write made at {@code nanos} in the unit of work {@code tx}. */
    public void add(W write, TxState tx, long nanos) {
        if (tx.active()) {
            // The deadline is not known until the transaction commits.
            byTransaction
                    .computeIfAbsent(tx.txId(), id -> new ArrayList<>())
                    .add(new Due<>(write, tx.txId(), nanos, 0));
        } else {
            due.addLast(new Due<>(write, 0, nanos, nanos + windowNanos));
        }
        pending++;
    }

    /** A transaction ended: its writes start their window, or are forgotten when it did not commit. */
    public void ended(TxBoundary boundary) {
        List<Due<W>> writes = byTransaction.remove(boundary.txId());
        if (writes == null) {
            return;
        }
        if (boundary.outcome() != TxBoundary.Outcome.COMMITTED) {
            pending -= writes.size();
            return;
        }
        for (Due<W> write : writes) {
            due.addLast(new Due<>(write.write(), write.txId(), write.nanos(), boundary.nanos() + windowNanos));
        }
    }

    /** Hands every write whose window has passed by {@code nowNanos} to {@code judge}, oldest first. */
    public void judgeDue(long nowNanos, Consumer<Due<W>> judge) {
        while (!due.isEmpty() && due.peekFirst().deadline() <= nowNanos) {
            Due<W> write = due.pollFirst();
            pending--;
            judge.accept(write);
        }
    }

    /**
     * A write whose unit of work ended.
     *
     * @param txId its transaction; {@code 0} when it ran outside one
     * @param nanos when it was made
     * @param deadline when its coverage window closes
     */
    public record Due<W>(W write, long txId, long nanos, long deadline) {

        /**
         * Whether an invalidation (eviction, write-through put or clear) of the cache covers the write: in the same
         * transaction, before or after the write; otherwise only after it and by the deadline, because an
         * invalidation before a write outside any transaction lets a reader cache the old value again before the
         * write lands.
         */
        public boolean coveredBy(long invalidationTxId, long invalidationNanos) {
            return (txId != 0 && invalidationTxId == txId)
                    || (invalidationNanos >= nanos && invalidationNanos <= deadline);
        }
    }
}
