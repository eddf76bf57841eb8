package dev.cacheaudit.core.fleet;

import dev.cacheaudit.core.Ticker;
import dev.cacheaudit.core.detect.Detector;
import dev.cacheaudit.core.detect.FindingSink;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.SourceWrite;
import dev.cacheaudit.core.event.TxBoundary;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Observation;
import dev.cacheaudit.core.internal.state.AuditView;
import dev.cacheaudit.core.internal.state.CacheProfile;
import dev.cacheaudit.core.internal.state.KeyHistory;
import dev.cacheaudit.core.keys.KeyDescriptor;
import dev.cacheaudit.core.keys.KeyRedactor;
import dev.cacheaudit.core.keys.KeyShape;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Both halves of the fleet on the engine thread. Outbound: every committed write of an entity some cache holds goes
 * to the other instances as a fingerprint. Inbound: a write another instance committed is matched, by fingerprint, to
 * the entries this instance holds in caches local to it (Caffeine, {@code ConcurrentMap}, JCache heap); an entry that
 * was loaded before that write and that nothing — an eviction here, a broadcast this instance received, a refill, a
 * clear, a TTL shorter than the window — replaced within the coverage window is {@code CROSS_INSTANCE_STALE}. Shared
 * caches (Redis) hold one copy for every instance and are never judged here.
 */
public final class CrossInstanceStaleDetector implements Detector {

    /** Backends whose entries live in one instance's heap, as the recording layer names them. */
    private static final int MAX_PENDING_TRANSACTIONS = 10_000;

    private static final int MAX_PENDING_CHECKS = 10_000;

    private final Fleet fleet;

    private KeyRedactor redactor;

    private final long windowNanos;

    private final Clock clock;

    private final Ticker ticker;

    /** Locally cached entries by the fingerprint of their identifier, least recently put first. */
    private final Map<String, List<EntryRef>> byFingerprint;

    private final Map<Long, List<SourceWrite>> uncommitted = new LinkedHashMap<>();

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();

    /** See {@link Fleet#redactWith(KeyRedactor)}; before the engine runs. */
    void redactWith(KeyRedactor shared) {
        this.redactor = shared;
    }

    CrossInstanceStaleDetector(Fleet fleet, KeyRedactor redactor, Clock clock, Ticker ticker) {
        this.fleet = fleet;
        this.redactor = redactor;
        this.windowNanos = fleet.settings().coverageWindow().toNanos();
        this.clock = clock;
        this.ticker = ticker;
        int max = fleet.settings().maxTrackedEntries();
        FleetStats stats = fleet.stats();
        this.byFingerprint = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<EntryRef>> eldest) {
                boolean full = size() > max;
                if (full) {
                    stats.forgottenEntries.add(eldest.getValue().size());
                }
                return full;
            }
        };
    }

    @Override
    public void on(CacheEvent event, AuditView state, FindingSink findings) {
        if (event instanceof CachePut put) {
            indexed(put, state);
        } else if (event instanceof SourceWrite write) {
            written(write, state);
        } else if (event instanceof TxBoundary boundary) {
            ended(boundary);
        }
        drainInbox(state);
    }

    @Override
    public void onTick(long nowNanos, AuditView state, FindingSink findings) {
        drainInbox(state);
        while (!pending.isEmpty() && pending.peekFirst().deadline <= nowNanos) {
            judge(pending.pollFirst(), state, nowNanos, findings);
        }
    }

    private void indexed(CachePut put, AuditView state) {
        FleetFingerprint keyed = fleet.fingerprint();
        if (keyed == null) {
            return;
        }
        CacheProfile profile = state.existingProfile(put.cache());
        if (profile == null || !profile.kind().local()) {
            return;
        }
        KeyDescriptor key = state.describe(put.key());
        List<String> variables = key.shape().variables();
        if (variables.size() != 1) {
            return;
        }
        String fingerprint = keyed.of(variables.get(0));
        List<EntryRef> entries = byFingerprint.computeIfAbsent(fingerprint, f -> new ArrayList<>(1));
        EntryRef ref = new EntryRef(put.cache(), key.type(), key.printed(), key.shape());
        if (!entries.contains(ref)) {
            entries.add(ref);
        }
    }

    private void written(SourceWrite write, AuditView state) {
        if (write.id() == null
                || state.repeatedWrite()
                || state.cachesHolding(write.entity()).isEmpty()) {
            return;
        }
        if (!write.tx().active()) {
            send(write, write.nanos());
        } else if (uncommitted.size() < MAX_PENDING_TRANSACTIONS
                || uncommitted.containsKey(write.tx().txId())) {
            uncommitted
                    .computeIfAbsent(write.tx().txId(), id -> new ArrayList<>())
                    .add(write);
        }
    }

    private void ended(TxBoundary boundary) {
        List<SourceWrite> writes = uncommitted.remove(boundary.txId());
        if (writes != null && boundary.outcome() == TxBoundary.Outcome.COMMITTED) {
            writes.forEach(write -> send(write, boundary.nanos()));
        }
    }

    private void send(SourceWrite write, long committedNanos) {
        FleetFingerprint keyed = fleet.fingerprint();
        if (keyed == null) {
            return;
        }
        long ageMillis = Math.max(0, TimeUnit.NANOSECONDS.toMillis(ticker.nanoTime() - committedNanos));
        String id = identifier(String.valueOf(write.id()));
        fleet.offer(FleetMessage.write(
                fleet.instance(), clock.millis() - ageMillis, write.entity(), keyed.of(id), write.site()));
    }

    /** The part of an identifier that a key holding it shows as its one variable. */
    static String identifier(String id) {
        List<String> variables = KeyShape.of(id).variables();
        return variables.size() == 1 ? variables.get(0) : id;
    }

    private void drainInbox(AuditView state) {
        Fleet.Received received;
        while ((received = fleet.pollInbox()) != null) {
            matched(received, state);
        }
    }

    private void matched(Fleet.Received received, AuditView state) {
        FleetMessage message = received.message();
        List<EntryRef> entries = byFingerprint.get(message.idFingerprint());
        Set<String> holding = state.cachesHolding(message.entity());
        long lagNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, received.epochMillis() - message.epochMillis()));
        long writeNanos = received.nanos() - lagNanos;
        fleet.heard(message, writeNanos);
        if (entries == null) {
            return;
        }
        for (EntryRef entry : entries) {
            if (!holding.contains(entry.cache)) {
                continue;
            }
            KeyHistory history = state.existingHistory(entry.cache, entry.type, entry.printed);
            CacheProfile profile = state.existingProfile(entry.cache);
            if (history == null || profile == null || !heldFrom(history, profile, writeNanos)) {
                continue;
            }
            if (pending.size() >= MAX_PENDING_CHECKS) {
                fleet.stats().forgottenEntries.increment();
                continue;
            }
            pending.addLast(new Pending(
                    entry,
                    message,
                    writeNanos,
                    history.lastPutNanos(),
                    Math.max(writeNanos + windowNanos, received.nanos())));
        }
    }

    /** Whether the entry held a value loaded before the write and not removed since. */
    private static boolean heldFrom(KeyHistory history, CacheProfile profile, long writeNanos) {
        long put = history.lastPutNanos();
        long loaded = history.lastLoadStartNanos() != 0 ? history.lastLoadStartNanos() : put;
        return put != 0 && loaded < writeNanos && put > history.lastEvictNanos() && put > profile.lastClearNanos();
    }

    private void judge(Pending check, AuditView state, long nowNanos, FindingSink findings) {
        KeyHistory history = state.existingHistory(check.entry.cache, check.entry.type, check.entry.printed);
        CacheProfile profile = state.existingProfile(check.entry.cache);
        if (history == null || profile == null) {
            return;
        }
        boolean replaced = history.lastPutNanos() != check.putNanos
                || history.lastEvictNanos() > check.putNanos
                || profile.lastClearNanos() > check.putNanos;
        long ttl = profile.ttlMillis();
        boolean expires = ttl > 0 && TimeUnit.MILLISECONDS.toNanos(ttl) <= windowNanos;
        boolean expired = ttl > 0 && check.putNanos + TimeUnit.MILLISECONDS.toNanos(ttl) <= nowNanos;
        if (replaced || expires || expired) {
            return;
        }
        findings.report(observation(check, profile, history, nowNanos));
    }

    private Observation observation(Pending check, CacheProfile profile, KeyHistory history, long nowNanos) {
        FleetMessage write = check.message;
        String entity = write.entity().substring(write.entity().lastIndexOf('.') + 1);
        String key = redactor.redact(check.entry.printed, check.entry.shape);
        long heldMillis = TimeUnit.NANOSECONDS.toMillis(nowNanos - check.writeNanos);
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("entity", write.entity());
        evidence.put("writerInstance", write.instance());
        evidence.put("writeSite", write.site());
        evidence.put("staleInstance", fleet.instance());
        evidence.put("backend", profile.backend());
        evidence.put("servedFor", heldMillis + "ms");
        evidence.put("window", Duration.ofNanos(windowNanos).toMillis() + "ms");
        if (history.lastReadNanos() > check.writeNanos) {
            evidence.put("readAfterWrite", "true");
        }
        return new Observation(
                FindingKind.CROSS_INSTANCE_STALE,
                check.entry.cache,
                write.entity() + "|" + write.site(),
                entity + " was written on instance " + write.instance() + " by " + write.site() + ", but instance "
                        + fleet.instance() + " still held it in its local " + profile.backend() + " cache '"
                        + check.entry.cache + "' " + heldMillis + "ms later: nothing invalidated this instance's copy"
                        + " (no eviction here, no broadcast received, no TTL shorter than " + evidence.get("window")
                        + ")",
                key,
                null,
                List.of(write.site()),
                evidence);
    }

    private record EntryRef(String cache, String type, String printed, KeyShape shape) {}

    private record Pending(EntryRef entry, FleetMessage message, long writeNanos, long putNanos, long deadline) {}
}
