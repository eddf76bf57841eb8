package dev.cacheaudit.core.cause;

import dev.cacheaudit.core.finding.Cause;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.FindingStore;
import dev.cacheaudit.core.finding.Observation;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Links a stale entry to the finding that explains it. The finding may come first (a key mismatch seen on the
 * eviction) or after it (an uncovered write is judged once the coverage window is over, often after verification
 * found the entry stale): stale findings still unexplained wait, bounded, for one to come. Engine thread only.
 */
final class Links {

    /** The kinds that explain a stale entry, the most specific first. */
    private static final List<FindingKind> EXPLAINING = List.of(
            FindingKind.EVICTION_FAILED,
            FindingKind.EVICT_BEFORE_COMMIT,
            FindingKind.KEY_MISMATCH,
            FindingKind.KEY_TYPE_MISMATCH,
            FindingKind.CACHE_NAME_MISMATCH,
            FindingKind.CROSS_INSTANCE_STALE,
            FindingKind.UNCOVERED_WRITE,
            FindingKind.FOREIGN_WRITE,
            FindingKind.STALE_SET);

    private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(Links.class);

    private static final int PER_CACHE = 32;

    private static final int MAX_WAITING = 1000;

    private final FindingStore store;

    private final long windowNanos;

    private final Map<String, ArrayDeque<Seen>> seen = new HashMap<>();

    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

    Links(FindingStore store, long windowNanos) {
        this.store = store;
        this.windowNanos = windowNanos;
    }

    void observed(Observation observation, long nowNanos) {
        Cause cause = observation.cause();
        if (cause != null
                && cause.causedBy() == null
                && (observation.kind() == FindingKind.STALE_READ || observation.kind() == FindingKind.STALE_SET)) {
            if (waiting.size() >= MAX_WAITING) {
                waiting.pollFirst();
            }
            Cause.Write write = cause.lastWrite();
            Waiting stale = new Waiting(observation, cause, write != null ? write.site() : null, nowNanos);
            FindingKind linked = explainedBySeen(stale, nowNanos);
            if (linked == null || linked == FindingKind.STALE_SET) {
                // Linked to the stale set of the same refill at most: a finding that names the write may still come.
                waiting.addLast(stale);
            }
        }
        if (!EXPLAINING.contains(observation.kind())) {
            return;
        }
        String cache = observation.kind() == FindingKind.CACHE_NAME_MISMATCH
                ? observation.evidence().getOrDefault("readCache", observation.cache())
                : observation.cache();
        Seen sighting = new Seen(observation, cache, nowNanos);
        ArrayDeque<Seen> recent = seen.computeIfAbsent(cache, c -> new ArrayDeque<>());
        recent.removeIf(s -> s.sameFinding(sighting));
        if (recent.size() >= PER_CACHE) {
            recent.pollFirst();
        }
        recent.addLast(sighting);
        explainWaiting(sighting, nowNanos);
    }

    /** The cause linked to the best finding seen on the cache since shortly before the write, if any. */
    Cause explain(String cache, Cause cause, String writeSite, long writeNanos) {
        Seen best = null;
        for (Seen sighting : seen.getOrDefault(cache, new ArrayDeque<>())) {
            if (sighting.nanos >= writeNanos - windowNanos && better(sighting, best, writeSite)) {
                best = sighting;
            }
        }
        Finding finding = best != null ? best.finding(store) : null;
        return finding != null ? cause.linkedTo(finding) : cause;
    }

    /** The cause linked to a finding just reported. */
    Cause link(Cause cause, Observation observation) {
        Finding finding = store.find(observation.kind(), observation.cache(), observation.signature());
        return finding != null ? cause.linkedTo(finding) : cause;
    }

    private void explainWaiting(Seen sighting, long nowNanos) {
        Iterator<Waiting> it = waiting.iterator();
        while (it.hasNext()) {
            Waiting stale = it.next();
            if (nowNanos - stale.nanos > 4 * windowNanos + 10_000_000_000L) {
                it.remove();
                continue;
            }
            boolean sameCache = sighting.cache.equals(stale.observation.cache());
            if (sighting.observation.kind() == FindingKind.STALE_SET) {
                // A stale set explains a stale read only when it comes first (at the same check).
                continue;
            }
            boolean self = sighting.observation.kind() == stale.observation.kind();
            boolean siteFits = stale.site == null || sighting.names(stale.site) || !anyNames(stale);
            if (sameCache && !self && siteFits) {
                Finding finding = sighting.finding(store);
                if (finding != null) {
                    Observation o = stale.observation;
                    store.explain(o.kind(), o.cache(), o.signature(), stale.cause.linkedTo(finding));
                    logger.info(
                            "cache-audit {} on cache '{}' is explained by {} (finding {})",
                            o.kind(),
                            o.cache(),
                            finding.kind(),
                            finding.id());
                    it.remove();
                }
            }
        }
    }

    /**
     * Links a stale finding to a finding already seen on its cache (a stale set reported just before it, say); returns
     * the kind it was linked to, or {@code null}.
     */
    private @Nullable FindingKind explainedBySeen(Waiting stale, long nowNanos) {
        Seen best = null;
        String site = stale.site != null ? stale.site : "";
        for (Seen sighting : seen.getOrDefault(stale.observation.cache(), new ArrayDeque<>())) {
            if (sighting.observation.kind() != stale.observation.kind()
                    && nowNanos - sighting.nanos <= 4 * windowNanos
                    && better(sighting, best, site)) {
                best = sighting;
            }
        }
        Finding finding = best != null ? best.finding(store) : null;
        if (finding == null) {
            return null;
        }
        Observation o = stale.observation;
        return store.explain(o.kind(), o.cache(), o.signature(), stale.cause.linkedTo(finding)) ? finding.kind() : null;
    }

    /**
     * Stale findings whose write nothing invalidated and that no finding explained once the coverage window (and a tick)
     * passed after they were reported: verification itself proved the write uncovered, so it is reported as
     * {@code UNCOVERED_WRITE} (under the signature the write's own detector uses, so that its later sightings count as
     * the same finding) and linked.
     */
    void unexplained(long nowNanos, java.util.function.Consumer<Observation> report) {
        List<Waiting> due = new java.util.ArrayList<>();
        Iterator<Waiting> it = waiting.iterator();
        while (it.hasNext()) {
            Waiting stale = it.next();
            if (nowNanos - stale.nanos >= windowNanos + 1_500_000_000L) {
                it.remove();
                due.add(stale);
            }
        }
        // Reporting reaches observed(), which walks the waiting list again: it is not walked here any more.
        for (Waiting stale : due) {
            Cause.Write write = stale.cause.lastWrite();
            Finding current =
                    store.find(stale.observation.kind(), stale.observation.cache(), stale.observation.signature());
            if (write == null
                    || stale.cause.invalidation() != null
                    || current == null
                    || current.cause() == null
                    || current.cause().causedBy() != null) {
                continue;
            }
            Observation uncovered = uncovered(stale.observation.cache(), write);
            report.accept(uncovered);
            Finding finding = store.find(uncovered.kind(), uncovered.cache(), uncovered.signature());
            if (finding != null) {
                Observation o = stale.observation;
                store.explain(o.kind(), o.cache(), o.signature(), stale.cause.linkedTo(finding));
            }
        }
    }

    private Observation uncovered(String cache, Cause.Write write) {
        boolean table = write.what().startsWith("table ");
        String what = table ? write.what().substring("table ".length()) : write.what();
        Map<String, String> evidence = new java.util.LinkedHashMap<>();
        evidence.put(table ? "table" : "entity", what);
        evidence.put("writeSite", write.site());
        evidence.put("transaction", write.transaction());
        evidence.put("writerInstance", write.instance());
        evidence.put("confirmedBy", "verification");
        evidence.put("window", java.time.Duration.ofNanos(windowNanos).toMillis() + "ms");
        String subject = table ? "table '" + what + "'" : what.substring(what.lastIndexOf('.') + 1);
        return new Observation(
                FindingKind.UNCOVERED_WRITE,
                cache,
                table ? "table|" + what + "|" + write.site() : what + "|" + write.site(),
                subject + " is written by " + write.site() + " (" + write.transaction() + ") but nothing evicts,"
                        + " updates or clears cache '" + cache + "' after it: verification found the entry still"
                        + " stale past the grace period",
                null,
                null,
                List.of(write.site()),
                evidence);
    }

    /** Whether some finding seen on the stale entry's cache names its write site: only that one may explain it. */
    private boolean anyNames(Waiting stale) {
        if (stale.site == null) {
            return false;
        }
        for (Seen sighting : seen.getOrDefault(stale.observation.cache(), new ArrayDeque<>())) {
            if (sighting.names(stale.site)) {
                return true;
            }
        }
        return false;
    }

    private static boolean better(Seen candidate, @Nullable Seen best, String writeSite) {
        if (best == null) {
            return true;
        }
        boolean names = candidate.names(writeSite);
        if (names != best.names(writeSite)) {
            return names;
        }
        return EXPLAINING.indexOf(candidate.observation.kind()) < EXPLAINING.indexOf(best.observation.kind());
    }

    /** A finding raised on a cache, when last seen. */
    private record Seen(Observation observation, String cache, long nanos) {

        boolean sameFinding(Seen other) {
            return observation.kind() == other.observation.kind()
                    && observation.cache().equals(other.observation.cache())
                    && observation.signature().equals(other.observation.signature());
        }

        boolean names(String site) {
            return observation.sites().contains(site)
                    || site.equals(observation.evidence().get("writeSite"));
        }

        @Nullable
        Finding finding(FindingStore store) {
            return store.find(observation.kind(), observation.cache(), observation.signature());
        }
    }

    /** A stale finding that no finding explained yet. */
    private record Waiting(
            Observation observation, Cause cause, @Nullable String site, long nanos) {}
}
