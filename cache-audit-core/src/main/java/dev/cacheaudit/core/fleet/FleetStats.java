package dev.cacheaudit.core.fleet;

import java.util.concurrent.atomic.LongAdder;

/** What the fleet sent, received and dropped, for meters and the report; safe to read from any thread. */
public final class FleetStats {

    final LongAdder published = new LongAdder();

    final LongAdder received = new LongAdder();

    final LongAdder droppedRate = new LongAdder();

    final LongAdder droppedQueue = new LongAdder();

    final LongAdder droppedPaused = new LongAdder();

    final LongAdder droppedInbox = new LongAdder();

    final LongAdder transportFailures = new LongAdder();

    final LongAdder forgottenEntries = new LongAdder();

    volatile boolean paused;

    /** Messages this instance sent. */
    public long published() {
        return published.sum();
    }

    /** Messages received from other instances. */
    public long received() {
        return received.sum();
    }

    /** Messages not sent because the per-second cap was reached. */
    public long droppedByRate() {
        return droppedRate.sum();
    }

    /** Messages not sent because the outgoing queue was full. */
    public long droppedByQueue() {
        return droppedQueue.sum();
    }

    /** Messages not sent because Redis was unreachable and the fleet was paused. */
    public long droppedWhilePaused() {
        return droppedPaused.sum();
    }

    /** Messages received but not analysed because the inbox was full. */
    public long droppedInbox() {
        return droppedInbox.sum();
    }

    /** Every message dropped, whatever the reason. */
    public long dropped() {
        return droppedByRate() + droppedByQueue() + droppedWhilePaused() + droppedInbox();
    }

    /** How many times sending failed (Redis down or refusing). */
    public long transportFailures() {
        return transportFailures.sum();
    }

    /** Locally cached entries forgotten by the fingerprint index to stay within its bound. */
    public long forgottenEntries() {
        return forgottenEntries.sum();
    }

    /** Whether the fleet is paused because Redis could not be reached. */
    public boolean paused() {
        return paused;
    }
}
