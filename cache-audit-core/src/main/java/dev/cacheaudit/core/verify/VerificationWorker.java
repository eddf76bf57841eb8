package dev.cacheaudit.core.verify;

import dev.cacheaudit.core.Ticker;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.VerificationOutcome;
import dev.cacheaudit.core.event.VerificationOutcome.Outcome;
import dev.cacheaudit.core.internal.engine.AuditThread;
import dev.cacheaudit.core.internal.engine.InternalErrors;
import java.util.List;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Runs checks on a thread of its own, never the application's: reads the cached value, then — within the read budget
 * — the source's, compares them and hands the outcome to the engine. A check beyond the budget or beyond the queue's
 * capacity is skipped and counted, never waited for.
 */
public final class VerificationWorker implements AutoCloseable {

    private final DelayQueue<Check> queue = new DelayQueue<>();

    private final AtomicInteger pending = new AtomicInteger();

    private final VerificationBackend backend;

    private final VerificationSettings settings;

    private final Predicate<CacheEvent> engine;

    private final AuditThread thread;

    private final ReadBudget budget;

    private final InternalErrors errors;

    private final Ticker ticker;

    private volatile boolean running;

    /**
     * @param backend reads the caches and the source
     * @param settings the budget and the fields to ignore
     * @param engine where outcomes go (the engine's non-blocking submit)
     */
    public VerificationWorker(
            VerificationBackend backend, VerificationSettings settings, Predicate<CacheEvent> engine) {
        this(backend, settings, engine, new InternalErrors(), Ticker.system());
    }

    /**
     * @param backend reads the caches and the source
     * @param settings the budget and the fields to ignore
     * @param engine where outcomes go (the engine's non-blocking submit)
     * @param errors where faults of a check (a value whose {@code equals} throws, a loader that throws an
     *     {@code Error}) are counted; such a check is inconclusive and the worker goes on
     * @param ticker the time checks fall due on, the budget refills on and outcomes are stamped with
     */
    public VerificationWorker(
            VerificationBackend backend,
            VerificationSettings settings,
            Predicate<CacheEvent> engine,
            InternalErrors errors,
            Ticker ticker) {
        this.errors = errors;
        this.ticker = ticker;
        this.backend = backend;
        this.settings = settings;
        this.engine = engine;
        this.budget = new ReadBudget(settings.maxPerSecond(), ticker.nanoTime());
        this.thread = new AuditThread("cache-audit-verifier", this::run);
    }

    /** The thread checks run on; reads made from it bypass the auditing of caches. */
    public Thread thread() {
        return thread;
    }

    public synchronized void start() {
        if (!running) {
            running = true;
            thread.start();
        }
    }

    /** Queues a check; returns {@code false} (and the caller counts it as skipped) when the queue is full. */
    boolean schedule(Check check) {
        if (pending.incrementAndGet() > settings.maxPending()) {
            pending.decrementAndGet();
            return false;
        }
        queue.offer(check);
        return true;
    }

    /** Whether the entry's source can be re-read. */
    boolean canVerify(CheckTarget target) {
        try {
            return backend.canVerify(target);
        } catch (Throwable ex) {
            errors.record(
                    InternalErrors.Where.VERIFIER,
                    "whether an entry can be verified",
                    "such entries are not verified",
                    ex);
            return false;
        }
    }

    /** The time checks fall due on. */
    Ticker ticker() {
        return ticker;
    }

    /** Checks waiting to run. */
    public int pending() {
        return pending.get();
    }

    private void run() {
        while (running) {
            Check check;
            try {
                check = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            if (check == null) {
                continue;
            }
            pending.decrementAndGet();
            try {
                engine.test(verify(check));
            } catch (Throwable ex) {
                // Whatever a host value or loader throws, Errors included, costs this check only: the thread that
                // the recording layer knows as the verifier's must live on.
                errors.record(
                        InternalErrors.Where.VERIFIER, "a cached entry", "such checks are counted as inconclusive", ex);
                engine.test(outcome(check, Outcome.INCONCLUSIVE, List.of()));
            }
        }
    }

    private VerificationOutcome verify(Check check) {
        CheckTarget target = check.target();
        Lookup cached = backend.cached(target);
        if (cached.state() == Lookup.State.ABSENT) {
            return outcome(check, Outcome.ABSENT, List.of());
        }
        if (cached.state() == Lookup.State.UNAVAILABLE) {
            return outcome(check, Outcome.INCONCLUSIVE, List.of());
        }
        if (!budget.tryAcquire(ticker.nanoTime())) {
            return outcome(check, Outcome.SKIPPED, List.of());
        }
        Lookup source = backend.source(target);
        return switch (source.state()) {
            case UNAVAILABLE -> outcome(check, Outcome.INCONCLUSIVE, List.of());
            case ABSENT -> outcome(check, Outcome.STALE, List.of(VerificationOutcome.NO_SOURCE_ENTRY));
            case PRESENT -> {
                ValueComparison.Result result = ValueComparison.compare(
                        cached.value(), source.value(), settings.ignoredFieldsOf(target.cache()), backend.inspector());
                yield switch (result.verdict()) {
                    case FRESH -> outcome(check, Outcome.FRESH, List.of(), result.notCompared());
                    case STALE -> outcome(check, Outcome.STALE, result.differingFields(), result.notCompared());
                    case INCONCLUSIVE -> outcome(check, Outcome.INCONCLUSIVE, List.of());
                };
            }
        };
    }

    private VerificationOutcome outcome(Check check, Outcome outcome, List<String> fields) {
        return outcome(check, outcome, fields, List.of());
    }

    private VerificationOutcome outcome(Check check, Outcome outcome, List<String> fields, List<String> notCompared) {
        CheckTarget target = check.target();
        return new VerificationOutcome(
                target.cache(),
                target.keyType(),
                target.printedKey(),
                check.reason(),
                outcome,
                fields,
                check.windowMillis(),
                check.writeNanos(),
                ticker.nanoTime(),
                notCompared);
    }

    @Override
    public void close() {
        running = false;
        // A check may be waiting for a slow source: waking it keeps close() from waiting out the source's timeout.
        thread.shutDown();
    }
}
