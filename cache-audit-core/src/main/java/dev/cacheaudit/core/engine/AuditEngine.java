package dev.cacheaudit.core.engine;

import dev.cacheaudit.core.detect.Detector;
import dev.cacheaudit.core.detect.FindingSink;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.finding.FindingStore;
import dev.cacheaudit.core.finding.Observation;
import dev.cacheaudit.core.state.AuditState;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes events from any thread and analyses them on its own. {@link #submit(CacheEvent)} never blocks and never
 * locks: when the queue is full the event is dropped and counted. The analysis thread applies each event to the
 * {@link AuditState}, then hands it to every {@link Detector}; a detector that throws is counted and skipped.
 */
public final class AuditEngine implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(AuditEngine.class);

    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private static final long ERROR_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final EventQueue queue;

    private final AuditState state;

    private final List<Detector> detectors;

    private final FindingStore findings;

    private final FindingSink sink;

    private final long tickNanos;

    private final LongAdder internalErrors = new LongAdder();

    private final LongAdder processed = new LongAdder();

    private final Thread thread;

    private volatile long coarseNanos = System.nanoTime();

    private volatile boolean running;

    private long lastErrorLogNanos;

    private volatile long forgottenSnapshot;

    private volatile long trackedBytesSnapshot;

    public AuditEngine(
            EngineSettings settings,
            AuditState state,
            List<Detector> detectors,
            FindingStore findings,
            Consumer<Observation> onObservation) {
        this.queue = new EventQueue(settings.queueCapacity());
        this.state = Objects.requireNonNull(state, "state");
        this.detectors = List.copyOf(detectors);
        this.findings = Objects.requireNonNull(findings, "findings");
        this.tickNanos = settings.tickInterval().toNanos();
        this.sink = observation -> {
            findings.record(observation);
            onObservation.accept(observation);
        };
        this.thread = new Thread(this::run, "cache-audit-engine");
        this.thread.setDaemon(true);
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
     * A monotonic time in nanoseconds that the engine refreshes about every millisecond; reading it is far cheaper
     * than {@link System#nanoTime()}.
     */
    public long coarseNanos() {
        return coarseNanos;
    }

    /** Waits until every event submitted before the call has been analysed. Returns whether that happened in time. */
    public boolean awaitQuiescence(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (queue.size() > 0) {
            if (!running || System.nanoTime() - deadline > 0) {
                return queue.size() == 0;
            }
            LockSupport.parkNanos(200_000);
        }
        return true;
    }

    private void run() {
        long nextTick = System.nanoTime() + tickNanos;
        while (running) {
            long now = System.nanoTime();
            coarseNanos = now;
            CacheEvent event = queue.poll();
            if (event != null) {
                process(event);
            } else {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
            if (now - nextTick >= 0) {
                tick(now);
                nextTick = now + tickNanos;
            }
        }
    }

    private void process(CacheEvent event) {
        try {
            state.apply(event);
            for (Detector detector : detectors) {
                try {
                    detector.on(event, state, sink);
                } catch (VirtualMachineError ex) {
                    if (!(ex instanceof StackOverflowError)) {
                        throw ex;
                    }
                    internalError(detector, ex);
                } catch (Throwable ex) {
                    internalError(detector, ex);
                }
            }
        } catch (RuntimeException | StackOverflowError ex) {
            internalError(state, ex);
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
                internalError(detector, ex);
            } catch (Throwable ex) {
                internalError(detector, ex);
            }
        }
    }

    private void internalError(Object source, Throwable ex) {
        internalErrors.increment();
        long now = System.nanoTime();
        if (lastErrorLogNanos == 0 || now - lastErrorLogNanos > ERROR_LOG_INTERVAL_NANOS) {
            lastErrorLogNanos = now;
            logger.warn(
                    "cache-audit internal error in {} (further errors are counted in cache.audit.internal.errors"
                            + " and logged at most once a minute)",
                    source.getClass().getSimpleName(),
                    ex);
        }
    }

    /** Counts a fault of the recording layer, such as a key whose {@code toString} threw. */
    public void recordingError(Throwable ex) {
        internalErrors.increment();
        if (logger.isDebugEnabled()) {
            logger.debug("cache-audit recording error", ex);
        }
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
        return internalErrors.sum();
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
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
