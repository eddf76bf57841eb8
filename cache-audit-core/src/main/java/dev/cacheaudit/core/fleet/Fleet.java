package dev.cacheaudit.core.fleet;

import dev.cacheaudit.core.Ticker;
import dev.cacheaudit.core.detect.Detector;
import dev.cacheaudit.core.keys.KeyRedactor;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * This instance's membership of its fleet: its id, the shared fingerprint key, the outbox that sends on its own thread
 * and the inbox the engine drains. {@link #receive(String)} is called by the transport on its listener thread and only
 * queues; all analysis happens in {@link #detector()} on the engine thread.
 */
public final class Fleet implements AutoCloseable {

    private static final int MAX_MEMBERS = 10_000;

    private final String instance;

    private volatile @Nullable FleetFingerprint fingerprint;

    private final FleetSettings settings;

    private final FleetStats stats = new FleetStats();

    private final FleetOutbox outbox;

    private final Clock clock;

    private final Ticker ticker;

    private final ConcurrentLinkedQueue<Received> inbox = new ConcurrentLinkedQueue<>();

    private final AtomicInteger inboxSize = new AtomicInteger();

    private final Map<String, Long> members = new ConcurrentHashMap<>();

    private final CrossInstanceStaleDetector detector;

    private final ForeignWriteDetector foreignWrites;

    private final ConcurrentLinkedQueue<Notice> notices = new ConcurrentLinkedQueue<>();

    private final java.util.List<WriteListener> writeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final AtomicInteger noticesSize = new AtomicInteger();

    /**
     * A member whose fleet key comes from {@link FleetTransport#connect()} once the transport is connected; until then
     * nothing is sent or matched.
     *
     * @param clock the auditor's wall clock: when messages were sent and members last heard from
     * @param ticker the auditor's monotonic time: messages and keyspace notifications are stamped with it on arrival and
     *     compared with the times of the auditor's events, so it must be the one the auditor runs on
     */
    public Fleet(
            String instance,
            FleetTransport transport,
            FleetSettings settings,
            KeyRedactor redactor,
            Clock clock,
            Ticker ticker) {
        this(instance, null, transport, settings, redactor, clock, ticker);
    }

    Fleet(
            String instance,
            @Nullable FleetFingerprint fingerprint,
            FleetTransport transport,
            FleetSettings settings,
            KeyRedactor redactor,
            Clock clock,
            Ticker ticker) {
        this.instance = Objects.requireNonNull(instance, "instance");
        this.fingerprint = fingerprint;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.outbox = new FleetOutbox(this, transport, stats, clock, ticker);
        this.detector = new CrossInstanceStaleDetector(this, redactor, clock, ticker);
        this.foreignWrites = new ForeignWriteDetector(this, redactor);
    }

    /**
     * Shows the keys of this fleet's findings the way the auditor that takes the fleet shows all others: the same known
     * words, the same hash key. {@code CacheAudit} calls it when it is built with this fleet, before its engine runs;
     * until then the fleet uses the redactor it was made with.
     */
    public void redactWith(KeyRedactor redactor) {
        Objects.requireNonNull(redactor, "redactor");
        detector.redactWith(redactor);
        foreignWrites.redactWith(redactor);
    }

    /** Starts sending (heartbeats first). */
    public Fleet start() {
        outbox.start();
        return this;
    }

    /** The detector to register with the engine: it sends this instance's writes and judges the others'. */
    public Detector detector() {
        return detector;
    }

    /** The detector of writes by other clients in the application's Redis namespaces, fed by {@link #keyspace}. */
    public Detector foreignWriteDetector() {
        return foreignWrites;
    }

    /**
     * Takes one Redis keyspace notification (from the transport's listener thread) for analysis on the engine thread.
     *
     * @param command the event, such as {@code del} or {@code set}
     * @param key the key, as the bytes Redis sent
     */
    public void keyspace(String command, byte[] key) {
        if (noticesSize.incrementAndGet() > FleetSettings.QUEUE_CAPACITY) {
            noticesSize.decrementAndGet();
            stats.droppedInbox.increment();
            return;
        }
        notices.add(new Notice(command, key, ticker.nanoTime()));
    }

    @Nullable
    Notice pollNotice() {
        Notice notice = notices.poll();
        if (notice != null) {
            noticesSize.decrementAndGet();
        }
        return notice;
    }

    /** Takes one message from the transport; ignores this instance's own messages and anything unreadable. */
    public void receive(String payload) {
        FleetMessage message = FleetMessage.decode(payload);
        if (message == null || message.instance().equals(instance)) {
            return;
        }
        stats.received.increment();
        if (members.size() < MAX_MEMBERS || members.containsKey(message.instance())) {
            members.put(message.instance(), clock.millis());
        }
        if (message.type() == FleetMessage.Type.WRITE) {
            if (inboxSize.incrementAndGet() > FleetSettings.QUEUE_CAPACITY) {
                inboxSize.decrementAndGet();
                stats.droppedInbox.increment();
                return;
            }
            inbox.add(new Received(message, clock.millis(), ticker.nanoTime()));
        }
    }

    /**
     * Adds a listener told, on the engine thread, of every write another instance committed, once the fleet's detector
     * took it in.
     */
    public void onWrite(WriteListener listener) {
        writeListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void heard(FleetMessage message, long writeNanos) {
        for (WriteListener listener : writeListeners) {
            listener.written(message, writeNanos);
        }
    }

    /**
     * The fleet's fingerprint of an identifier as a key holding it shows it (its one variable), as other instances send
     * it; {@code null} while the fleet key is not known.
     */
    public @Nullable String fingerprintOf(String identifier) {
        FleetFingerprint keyed = fingerprint;
        return keyed != null ? keyed.of(CrossInstanceStaleDetector.identifier(identifier)) : null;
    }

    /** The other instances heard from within three heartbeat intervals, with when each was last heard. */
    public Map<String, Instant> members() {
        long since = clock.millis() - 3 * settings.heartbeatInterval().toMillis();
        Map<String, Instant> alive = new TreeMap<>();
        members.forEach((member, seen) -> {
            if (seen >= since) {
                alive.put(member, Instant.ofEpochMilli(seen));
            }
        });
        return alive;
    }

    public String instance() {
        return instance;
    }

    public FleetStats stats() {
        return stats;
    }

    public FleetSettings settings() {
        return settings;
    }

    /** The fingerprint function, or {@code null} while the fleet key is not known yet. */
    @Nullable
    FleetFingerprint fingerprint() {
        return fingerprint;
    }

    /** Whether the fleet is connected and knows its key. */
    public boolean connected() {
        return fingerprint != null;
    }

    void keyed(byte[] key) {
        this.fingerprint = new FleetFingerprint(key);
    }

    /** Sends what is queued on the calling thread, without the outbox thread (for tests). */
    void flush() {
        outbox.flush();
    }

    /** Sends one message at once on the calling thread, as the outbox thread would (for tests). */
    void outboxSendForTest(FleetMessage message) {
        outbox.send(message);
    }

    /**
     * Tells the other instances that this one changed a table some cache is fed by, through JDBC (engine thread): they
     * then never take that change for a write made outside the application. Sent as a write whose entity is
     * {@code table <name>}, without an identifier fingerprint.
     *
     * @param table the table
     * @param site the write path
     * @param epochMillis when the change took effect (its commit)
     */
    public void announceTableWrite(String table, String site, long epochMillis) {
        if (connected()) {
            offer(FleetMessage.write(instance, epochMillis, TABLE_PREFIX + table, "", site));
        }
    }

    /** How the entity of a write message names a table written through JDBC. */
    public static final String TABLE_PREFIX = "table ";

    void offer(FleetMessage message) {
        outbox.offer(message);
    }

    @Nullable
    Received pollInbox() {
        Received received = inbox.poll();
        if (received != null) {
            inboxSize.decrementAndGet();
        }
        return received;
    }

    @Override
    public void close() {
        outbox.close();
    }

    /** Told of the writes other instances committed. */
    @FunctionalInterface
    public interface WriteListener {

        /**
         * @param message the write, as it travelled
         * @param writeNanos when it was written, on this instance's monotonic clock
         */
        void written(FleetMessage message, long writeNanos);
    }

    /**
     * A message as it arrived.
     *
     * @param message what was sent
     * @param epochMillis when it arrived, on this instance's wall clock
     * @param nanos when it arrived, on the engine's monotonic clock
     */
    record Received(FleetMessage message, long epochMillis, long nanos) {}

    /**
     * A keyspace notification as it arrived.
     *
     * @param command the event name
     * @param key the key bytes
     * @param nanos when it arrived, on the engine's monotonic clock
     */
    record Notice(String command, byte[] key, long nanos) {}
}
