package dev.cacheaudit.core.fleet;

import dev.cacheaudit.core.Ticker;
import dev.cacheaudit.core.internal.engine.AuditThread;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends fleet messages on its own thread, so that neither the application's threads nor the engine ever wait for
 * Redis. Offering never blocks: beyond the per-second cap or a full queue a message is dropped and counted. When
 * sending fails the outbox pauses — drops what comes, counts it, logs once — and tries again with a growing delay.
 */
final class FleetOutbox implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(FleetOutbox.class);

    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final Fleet fleet;

    private final String instance;

    private final FleetTransport transport;

    private final FleetSettings settings;

    private final FleetStats stats;

    private final Clock clock;

    private final Ticker ticker;

    private final BlockingQueue<FleetMessage> queue = new ArrayBlockingQueue<>(FleetSettings.QUEUE_CAPACITY);

    private final AuditThread thread;

    private volatile boolean running = true;

    private long windowSecond = Long.MIN_VALUE;

    private int sentInWindow;

    private long resumeAtNanos;

    private long backoffMillis = 1000;

    FleetOutbox(Fleet fleet, FleetTransport transport, FleetStats stats, Clock clock, Ticker ticker) {
        this.fleet = fleet;
        this.instance = fleet.instance();
        this.transport = transport;
        this.settings = fleet.settings();
        this.stats = stats;
        this.clock = clock;
        this.ticker = ticker;
        this.thread = new AuditThread("cache-audit-fleet", this::run);
    }

    void start() {
        thread.start();
    }

    /** Queues a message unless the cap, the queue or a pause says no; never blocks. */
    void offer(FleetMessage message) {
        if (stats.paused || !fleet.connected()) {
            stats.droppedPaused.increment();
        } else if (!withinRate()) {
            stats.droppedRate.increment();
        } else if (!queue.offer(message)) {
            stats.droppedQueue.increment();
        }
    }

    /** Takes one more message from this second's allowance. */
    synchronized boolean withinRate() {
        long second = TimeUnit.NANOSECONDS.toSeconds(ticker.nanoTime());
        if (second != windowSecond) {
            windowSecond = second;
            sentInWindow = 0;
        }
        if (sentInWindow >= settings.maxMessagesPerSecond()) {
            return false;
        }
        sentInWindow++;
        return true;
    }

    /** Sends what is queued on the calling thread; for tests that drive the outbox without its thread. */
    void flush() {
        FleetMessage message;
        while ((message = queue.poll()) != null) {
            send(message);
        }
    }

    private void run() {
        long heartbeatNanos = settings.heartbeatInterval().toNanos();
        long nextHeartbeat = ticker.nanoTime();
        while (running) {
            try {
                long now = ticker.nanoTime();
                if (!fleet.connected() && now >= resumeAtNanos) {
                    connect();
                    continue;
                }
                if ((stats.paused || !fleet.connected()) && now < resumeAtNanos) {
                    stats.droppedPaused.add(queue.size());
                    queue.clear();
                    TimeUnit.NANOSECONDS.sleep(Math.min(resumeAtNanos - now, TimeUnit.MILLISECONDS.toNanos(200)));
                    continue;
                }
                // While paused, a heartbeat is the probe that tells whether Redis answers again.
                if (now >= nextHeartbeat || stats.paused) {
                    nextHeartbeat = now + heartbeatNanos;
                    send(FleetMessage.heartbeat(instance, clock.millis()));
                    continue;
                }
                FleetMessage message = queue.poll(Math.min(nextHeartbeat - now, 200_000_000L), TimeUnit.NANOSECONDS);
                if (message != null) {
                    send(message);
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void connect() {
        try {
            fleet.keyed(transport.connect());
            resumed();
        } catch (RuntimeException ex) {
            failed(ex);
        }
    }

    /** Sends one message; a failure pauses the fleet, a success after a pause resumes it. */
    void send(FleetMessage message) {
        try {
            transport.publish(message.encode());
            stats.published.increment();
            resumed();
        } catch (RuntimeException ex) {
            stats.droppedPaused.increment();
            failed(ex);
        }
    }

    private void resumed() {
        if (stats.paused) {
            stats.paused = false;
            logger.info("cache-audit fleet: Redis answers again, fleet features resumed");
        }
        backoffMillis = 1000;
    }

    private void failed(RuntimeException ex) {
        stats.transportFailures.increment();
        if (!stats.paused) {
            logger.warn(
                    "cache-audit fleet: cannot reach Redis ({}), fleet features paused; the application is not"
                            + " affected",
                    ex.toString());
        }
        stats.paused = true;
        resumeAtNanos = ticker.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis);
        backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
    }

    @Override
    public void close() {
        running = false;
        thread.shutDown();
    }
}
