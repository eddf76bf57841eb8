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
            if (!explainedBySeen(stale, nowNanos)) {
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

    /** Links a stale finding to a finding already seen on its cache (a stale set reported just before it, say). */
    private boolean explainedBySeen(Waiting stale, long nowNanos) {
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
            return false;
        }
        Observation o = stale.observation;
        return store.explain(o.kind(), o.cache(), o.signature(), stale.cause.linkedTo(finding));
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
