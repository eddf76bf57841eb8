package dev.cacheaudit.core.internal.engine;

import dev.cacheaudit.core.EngineSettings;
import dev.cacheaudit.core.Ticker;
import dev.cacheaudit.core.detect.Detector;
import dev.cacheaudit.core.detect.FindingSink;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.finding.FindingStore;
import dev.cacheaudit.core.internal.state.AuditState;
import dev.cacheaudit.core.listen.AuditListener;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Takes events from any thread and analyses them on its own. {@link #submit(CacheEvent)} never blocks and never
 * locks: when the queue is full the event is dropped and counted. The analysis thread applies each event to the
 * {@link AuditState}, tells the {@link AuditListener} of it, then hands it to every {@link Detector}, which sees the
 * state through its read-only {@link dev.cacheaudit.core.internal.state.AuditView}; a detector that throws is counted and
 * skipped. Whatever
 * an event carries (a key whose {@code hashCode} or {@code toString} throws, even an {@code Error}) costs that event
 * only: the fault is counted in {@link #errors()}, and should the analysis thread die all the same, a new one takes
 * over, counted too.
 */
public final class AuditEngine implements AutoCloseable {

    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final EventQueue queue;

    private final AuditState state;

    private final List<Detector> detectors;

    private final FindingStore findings;

    private final FindingSink sink;

    private final AuditListener listener;

    private final long tickNanos;

    private final InternalErrors errors;

    private final Ticker ticker;

    private final LongAdder processed = new LongAdder();

    private volatile Thread thread;

    private volatile long coarseNanos;

    private volatile boolean running;

    /** Whether the engine thread may hold an event it took off the queue and has not analysed yet. */
    private volatile boolean analysing;

    private volatile long forgottenSnapshot;

    private volatile long trackedBytesSnapshot;

    public AuditEngine(
            EngineSettings settings,
            AuditState state,
            List<Detector> detectors,
            FindingStore findings,
            AuditListener listener) {
        this(settings, state, detectors, findings, listener, new InternalErrors(), Ticker.system());
    }

    /**
     * @param settings how the engine runs
     * @param state the engine's memory
     * @param detectors what analyses the events
     * @param findings where findings are kept
     * @param listener told of every event, observation and finding milestone, on the analysis thread; the audit's
     *     listeners catch and count their own faults
     * @param errors where the faults the engine survives are counted
     * @param ticker the time the engine ticks on and hands out as {@link #coarseNanos()}
     */
    public AuditEngine(
            EngineSettings settings,
            AuditState state,
            List<Detector> detectors,
            FindingStore findings,
            AuditListener listener,
            InternalErrors errors,
            Ticker ticker) {
        this.errors = Objects.requireNonNull(errors, "errors");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.coarseNanos = ticker.nanoTime();
        this.queue = new EventQueue(settings.queueCapacity());
        this.state = Objects.requireNonNull(state, "state");
        this.detectors = List.copyOf(detectors);
        this.findings = Objects.requireNonNull(findings, "findings");
        this.tickNanos = settings.tickInterval().toNanos();
        this.listener = Objects.requireNonNull(listener, "listener");
        this.sink = observation -> {
            FindingStore.Recorded recorded = findings.record(observation);
            if (recorded != null && recorded.milestone()) {
                listener.onFinding(recorded.finding(), recorded.first());
            }
            listener.onObservation(observation);
        };
        this.thread = newThread();
    }

    private Thread newThread() {
        Thread analysis = new Thread(this::run, "cache-audit-engine");
        analysis.setDaemon(true);
        analysis.setUncaughtExceptionHandler(this::died);
        return analysis;
    }

    /** The analysis thread died of something no catch could hold (an {@code Error} of the VM, say): start another. */
    private void died(Thread dead, Throwable cause) {
        errors.record(
                InternalErrors.Where.ENGINE_THREAD,
                "an event",
                "that event is lost and a new analysis thread takes over",
                cause);
        synchronized (this) {
            if (running && thread == dead) {
                Thread replacement = newThread();
                thread = replacement;
                replacement.start();
            }
        }
    }

    /** Starts the analysis thread. */
    public synchronized void start() {
        if (!running) {
            running = true;
            thread.start();
        }
    }

    /**
     * Hands an event to the engine from any thread. Returns {@code false} when the queue was full and the event was
     * dropped (and counted).
     */
    public boolean submit(CacheEvent event) {
        return queue.offer(event);
    }

    /**
     * The engine's {@link Ticker} time in nanoseconds, refreshed about every millisecond; reading it is far cheaper
     * than {@link System#nanoTime()}.
     */
    public long coarseNanos() {
        return coarseNanos;
    }

    /** Waits until every event submitted before the call has been analysed. Returns whether that happened in time. */
    public boolean awaitQuiescence(Duration timeout) {
        // The caller waits for the analysis thread in real time, whatever time the engine runs on.
        long deadline = System.nanoTime() + timeout.toNanos();
        while (queue.size() > 0 || analysing) {
            if (!running || System.nanoTime() - deadline > 0) {
                return queue.size() == 0 && !analysing;
            }
            LockSupport.parkNanos(200_000);
        }
        return true;
    }

    private void run() {
        long nextTick = ticker.nanoTime() + tickNanos;
        while (running) {
            long now = ticker.nanoTime();
            coarseNanos = now;
            // Raised before the poll and lowered only once the queue is found empty, so that an event taken off the
            // queue but not yet analysed still keeps awaitQuiescence waiting; one volatile write per burst, not per
            // event.
            if (!analysing) {
                analysing = true;
            }
            CacheEvent event = queue.poll();
            if (event != null) {
                process(event);
            } else {
                analysing = false;
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
            if (now - nextTick >= 0) {
                tick(now);
                nextTick = now + tickNanos;
            }
        }
        analysing = false;
    }

    private void process(CacheEvent event) {
        try {
            try {
                state.apply(event);
            } catch (VirtualMachineError ex) {
                if (!(ex instanceof StackOverflowError)) {
                    throw ex;
                }
                stateError(event, ex);
                return;
            } catch (Throwable ex) {
                // The event's key or value cannot be handled (its hashCode, equals or toString throws, or recurses
                // without end): detectors would fail on it the same way, so it costs this event only.
                stateError(event, ex);
                return;
            }
            listener.onEvent(event);
            for (Detector detector : detectors) {
                try {
                    detector.on(event, state, sink);
                } catch (VirtualMachineError ex) {
                    if (!(ex instanceof StackOverflowError)) {
                        throw ex;
                    }
                    detectorError(detector, ex);
                } catch (Throwable ex) {
                    detectorError(detector, ex);
                }
            }
        } finally {
            processed.increment();
            queue.done();
        }
    }

    private void tick(long now) {
        forgottenSnapshot = state.forgotten();
        trackedBytesSnapshot = state.trackedKeyBytes();
        for (Detector detector : detectors) {
            try {
                detector.onTick(now, state, sink);
            } catch (VirtualMachineError ex) {
                if (!(ex instanceof StackOverflowError)) {
                    throw ex;
                }
                detectorError(detector, ex);
            } catch (Throwable ex) {
                detectorError(detector, ex);
            }
        }
    }

    private void stateError(CacheEvent event, Throwable ex) {
        errors.record(
                InternalErrors.Where.STATE,
                "a " + event.getClass().getSimpleName() + " event",
                "such events are left out of the analysis (a key whose hashCode, equals or toString throws, say)",
                ex);
    }

    private void detectorError(Detector detector, Throwable ex) {
        String name = detector.getClass().getSimpleName();
        errors.record(
                InternalErrors.Where.DETECTOR,
                "events in " + name,
                name + " misses the events it fails on; the other detectors go on",
                ex);
    }

    /**
     * Counts a fault of the recording layer, such as a key whose {@code toString} threw, and logs the first of its
     * kind at WARN.
     *
     * @param subject what could not be recorded, in words (e.g. {@code "a cache operation"})
     * @param ex what was thrown
     */
    public void recordingError(String subject, Throwable ex) {
        errors.record(
                InternalErrors.Where.RECORDING,
                subject,
                "such operations are missing from the audit (the application's call went on unchanged)",
                ex);
    }

    /** The faults the auditor survived, by where they happened. */
    public InternalErrors errors() {
        return errors;
    }

    /** How many events were dropped because the queue was full. */
    public long droppedEvents() {
        return queue.dropped();
    }

    /** How many events were analysed. */
    public long processedEvents() {
        return processed.sum();
    }

    /** How many faults of the auditor itself were counted. */
    public long internalErrors() {
        return errors.total();
    }

    /** How many keys, shapes and caches the state forgot to stay within its limits, as of the last tick. */
    public long forgotten() {
        return forgottenSnapshot;
    }

    /** The estimated heap the key history takes, as of the last tick. */
    public long trackedKeyBytes() {
        return trackedBytesSnapshot;
    }

    /** How many events wait for analysis. */
    public int queued() {
        return queue.size();
    }

    public int queueCapacity() {
        return queue.capacity();
    }

    public FindingStore findings() {
        return findings;
    }

    /** The state; only safe to read on the engine thread or once the engine is quiescent. */
    public AuditState state() {
        return state;
    }

    /** Stops the analysis thread after it has analysed what is queued, waiting at most five seconds. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        awaitQuiescence(Duration.ofSeconds(5));
        synchronized (this) {
            running = false;
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
