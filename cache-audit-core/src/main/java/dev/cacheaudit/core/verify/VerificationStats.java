package dev.cacheaudit.core.verify;

import dev.cacheaudit.core.event.VerificationOutcome;
import dev.cacheaudit.core.event.VerificationOutcome.Outcome;
import dev.cacheaudit.core.listen.AuditListener;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * Verification outcomes per cache, consistency per cache and window, and how long stale entries were stale: what the
 * meters and the report show. Written on the engine thread, read from any; what the meters need as it happens (how
 * long an entry was stale, a new consistency window) goes to the audit's {@link AuditListener}.
 */
public final class VerificationStats {

    private final Map<String, Map<Outcome, LongAdder>> outcomes = new ConcurrentHashMap<>();

    private final Map<String, Consistency> consistency = new ConcurrentHashMap<>();

    private final AuditListener listener;

    private final LongAdder skipped = new LongAdder();

    private final Map<String, LongAdder> confirmedStale = new ConcurrentHashMap<>();

    /** Stats that tell the given listener of staleness and of new consistency windows. */
    public VerificationStats(AuditListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    void record(VerificationOutcome outcome) {
        outcomes.computeIfAbsent(outcome.cache(), cache -> {
                    Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);
                    for (Outcome o : Outcome.values()) {
                        counts.put(o, new LongAdder());
                    }
                    return counts;
                })
                .get(outcome.outcome())
                .increment();
        if (outcome.outcome() == Outcome.SKIPPED) {
            skipped.increment();
        }
        if (outcome.outcome() == Outcome.FRESH || outcome.outcome() == Outcome.STALE) {
            String window = window(outcome);
            Consistency c = consistency.computeIfAbsent(outcome.cache() + "|" + window, id -> {
                Consistency created = new Consistency(outcome.cache(), window);
                listener.onConsistency(outcome.cache(), window, created);
                return created;
            });
            c.verified.increment();
            if (outcome.outcome() == Outcome.FRESH) {
                c.fresh.increment();
            }
        }
    }

    private static String window(VerificationOutcome outcome) {
        return switch (outcome.reason()) {
            case AFTER_WRITE -> Duration.ofMillis(outcome.windowMillis()).toString();
            case SAMPLE -> "sample";
            case REFILL -> "refill";
            case RECHECK -> "grace";
        };
    }

    void stale(String cache, Duration staleFor) {
        listener.onStaleness(cache, staleFor);
    }

    /** A stale outcome that outlasted the grace period. */
    void staleConfirmed(String cache) {
        confirmedStale.computeIfAbsent(cache, c -> new LongAdder()).increment();
    }

    /** Checks that found a cached value still differing from the source after the grace period. */
    public long confirmedStaleCount(String cache) {
        LongAdder count = confirmedStale.get(cache);
        return count != null ? count.sum() : 0;
    }

    /** Checks skipped because the budget or the queue was exhausted. */
    void skippedBeforeQueue() {
        skipped.increment();
    }

    /**
     * How many checks of a cache had an outcome. {@link Outcome#STALE} counts every difference seen, in flight or
     * not; {@link #confirmedStaleCount(String)} counts those past the grace period.
     */
    public long count(String cache, Outcome outcome) {
        Map<Outcome, LongAdder> counts = outcomes.get(cache);
        return counts != null ? counts.get(outcome).sum() : 0;
    }

    /** The caches that were verified. */
    public java.util.Set<String> caches() {
        return outcomes.keySet();
    }

    public long skipped() {
        return skipped.sum();
    }

    /** Tells a listener added late of the (cache, window) pairs that already exist. */
    public void announceConsistency(AuditListener late) {
        consistency.values().forEach(c -> late.onConsistency(c.cache, c.window, c));
    }

    /** Fresh and verified counts of one cache in one window; as a supplier, fresh ÷ verified. */
    private static final class Consistency implements DoubleSupplier {

        private final String cache;

        private final String window;

        private final LongAdder fresh = new LongAdder();

        private final LongAdder verified = new LongAdder();

        Consistency(String cache, String window) {
            this.cache = cache;
            this.window = window;
        }

        /** Fresh ÷ verified, or 1 when nothing was verified. */
        @Override
        public double getAsDouble() {
            long total = verified.sum();
            return total == 0 ? 1.0 : (double) fresh.sum() / total;
        }
    }
}
