package dev.cacheaudit.core.finding;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The findings of one application, deduplicated by (kind, cache, signature) and bounded: once {@code capacity}
 * distinct findings are held, new ones are counted as dropped rather than stored. Written by the engine thread, read
 * from any thread.
 */
public final class FindingStore {

    private static final int MAX_SITES = 8;

    private final Map<Id, Entry> findings = new ConcurrentHashMap<>();

    private final AtomicLong dropped = new AtomicLong();

    /** Ids already counted as dropped, so a finding that did not fit is counted once; bounded like the store. */
    private final Set<Id> droppedIds = ConcurrentHashMap.newKeySet();

    private final int capacity;

    private final Clock clock;

    public FindingStore(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records one sighting. Returns the finding as it now stands and whether listeners are to hear of it, or
     * {@code null} when the store was full.
     */
    public @org.jspecify.annotations.Nullable Recorded record(Observation observation) {
        Id id = new Id(observation.kind(), observation.cache(), observation.signature());
        Instant now = clock.instant();
        Entry entry = findings.get(id);
        boolean first = entry == null;
        boolean upgraded = false;
        if (first) {
            if (findings.size() >= capacity) {
                if (droppedIds.size() < capacity && droppedIds.add(id)) {
                    dropped.incrementAndGet();
                }
                return null;
            }
            entry = new Entry(observation, now);
            findings.put(id, entry);
        } else {
            upgraded = entry.seen(observation, now);
        }
        Finding finding = entry.toFinding();
        return new Recorded(finding, first || upgraded || isPowerOfTen(finding.count()), first || upgraded);
    }

    /**
     * What one sighting made of its finding.
     *
     * @param finding the finding as it now stands
     * @param milestone whether it is new, confirmed, or its count just crossed a power of ten: what listeners hear of
     * @param first whether this is its first sighting, or the first that confirmed a suspicion
     */
    public record Recorded(Finding finding, boolean milestone, boolean first) {}

    private static boolean isPowerOfTen(long n) {
        long p = 10;
        while (p < n && p < Long.MAX_VALUE / 10) {
            p *= 10;
        }
        return p == n;
    }

    /** A snapshot of every finding, most severe first, then by first sighting. */
    public List<Finding> findings() {
        List<Finding> out = new ArrayList<>(findings.size());
        for (Entry entry : findings.values()) {
            out.add(entry.toFinding());
        }
        out.sort(Comparator.comparing(Finding::severity)
                .reversed()
                .thenComparing(Finding::firstSeen)
                .thenComparing(f -> f.kind().name())
                .thenComparing(Finding::cache));
        return out;
    }

    /** How many distinct findings could not be stored because the store was full. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Forgets the findings that match, as when people on call acknowledge them; a finding seen again later comes back.
     *
     * @return how many were forgotten
     */
    public int remove(java.util.function.Predicate<Finding> which) {
        int removed = 0;
        for (Map.Entry<Id, Entry> entry : findings.entrySet()) {
            if (which.test(entry.getValue().toFinding()) && findings.remove(entry.getKey(), entry.getValue())) {
                removed++;
            }
        }
        return removed;
    }

    /**
     * Replaces the cause of a finding already held (engine thread), as when the finding that explains a stale read is
     * raised after it. Returns whether the finding was held.
     */
    public boolean explain(FindingKind kind, String cache, String signature, Cause cause) {
        Entry entry = findings.get(new Id(kind, cache, signature));
        if (entry == null) {
            return false;
        }
        entry.cause = Objects.requireNonNull(cause, "cause");
        return true;
    }

    /** The finding with this kind, cache and signature as it now stands, or {@code null} when none is held. */
    public @org.jspecify.annotations.Nullable Finding find(FindingKind kind, String cache, String signature) {
        Entry entry = findings.get(new Id(kind, cache, signature));
        return entry != null ? entry.toFinding() : null;
    }

    /** Forgets every finding (between tests, for instance). */
    public void clear() {
        findings.clear();
        droppedIds.clear();
    }

    private record Id(FindingKind kind, String cache, String signature) {}

    /** Mutable per-finding state; its fields are written by the engine thread only. */
    private static final class Entry {

        private volatile Observation first;

        private final Instant firstSeen;

        private final Set<String> sites = new LinkedHashSet<>();

        private volatile long count;

        private volatile Instant lastSeen;

        private volatile List<String> siteSnapshot;

        private volatile @org.jspecify.annotations.Nullable Cause cause;

        Entry(Observation observation, Instant now) {
            this.first = observation;
            this.cause = observation.cause();
            this.firstSeen = now;
            this.lastSeen = now;
            this.count = 1;
            addSites(observation);
            this.siteSnapshot = List.copyOf(sites);
        }

        /** Counts a sighting; returns whether it confirmed a suspicion. */
        boolean seen(Observation observation, Instant now) {
            boolean upgraded = observation.confirmed() && !first.confirmed();
            if (upgraded) {
                // Traffic confirmed a suspicion: its evidence replaces the start-up analysis'.
                first = observation;
            }
            count++;
            lastSeen = now;
            if (addSites(observation)) {
                siteSnapshot = List.copyOf(sites);
            }
            return upgraded;
        }

        private boolean addSites(Observation observation) {
            boolean changed = false;
            for (String site : observation.sites()) {
                if (sites.size() >= MAX_SITES) {
                    break;
                }
                changed |= sites.add(site);
            }
            return changed;
        }

        Finding toFinding() {
            Observation first = this.first;
            FindingKind kind = first.kind();
            return new Finding(
                    kind,
                    first.confirmed() ? kind.severity() : Severity.INFO,
                    first.cache(),
                    first.signature(),
                    first.message(),
                    first.readKey(),
                    first.writeKey(),
                    siteSnapshot,
                    count,
                    firstSeen,
                    lastSeen,
                    kind.remediation(),
                    first.evidence(),
                    first.confirmed() ? Finding.CONFIRMED : Finding.SUSPECTED,
                    cause);
        }
    }
}
