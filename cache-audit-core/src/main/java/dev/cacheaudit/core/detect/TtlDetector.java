package dev.cacheaudit.core.detect;

import dev.cacheaudit.core.event.CacheClear;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.CacheEvict;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.CacheRegistered;
import dev.cacheaudit.core.event.SourceWrite;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Observation;
import dev.cacheaudit.core.internal.state.AuditView;
import dev.cacheaudit.core.internal.state.CacheProfile;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code TTL_TOO_LONG} and {@code NO_EXPIRY}: a cache with no active invalidation (no eviction, clear or write-through
 * ever seen) whose entries' source changes much more often than the entries expire. The changes are the writes of the
 * entities the cache holds, counted only for identifiers the cache had cached. With a time to live, the cache is
 * reported when the median interval between changes of one entry is under a quarter of it; with no expiry, when
 * entries it held changed at least {@value #MIN_CHANGES} times. A short time to live on fast-changing data, and any
 * cache that is invalidated on writes, stay silent.
 */
public final class TtlDetector implements Detector {

    static final int MIN_CHANGES = 3;

    private static final int MAX_TRACKED = 10_000;

    private final Set<String> invalidated = new HashSet<>();

    private final Set<String> reported = new HashSet<>();

    private final Map<String, Long> lastChange = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    private final Map<String, CacheChanges> changes = new HashMap<>();

    @Override
    public void on(CacheEvent event, AuditView state, FindingSink findings) {
        if (event instanceof CacheEvict evict) {
            invalidated.add(evict.cache());
        } else if (event instanceof CacheClear clear) {
            invalidated.add(clear.cache());
        } else if (event instanceof CachePut put && put.loadStartNanos() == 0 && !isWarmUp(state, put)) {
            invalidated.add(put.cache());
        } else if (event instanceof SourceWrite write && write.id() != null && !state.repeatedWrite()) {
            changed(write, state, findings);
        }
    }

    /** A put with no load before it into a cache never read yet fills it ahead of time; it invalidates nothing. */
    private static boolean isWarmUp(AuditView state, CachePut put) {
        CacheProfile profile = state.existingProfile(put.cache());
        return profile == null || profile.readShapes().isEmpty();
    }

    private void changed(SourceWrite write, AuditView state, FindingSink findings) {
        for (String cache : state.cachesHolding(write.entity())) {
            if (invalidated.contains(cache)
                    || reported.contains(cache)
                    || !KeyMatch.couldBeStale(state, cache, write)) {
                continue;
            }
            String entry = cache + "|" + write.entity() + "|" + write.id();
            Long previous = lastChange.put(entry, write.nanos());
            CacheChanges cacheChanges = changes.computeIfAbsent(cache, c -> new CacheChanges());
            cacheChanges.changes++;
            if (previous != null) {
                cacheChanges.interval(write.nanos() - previous);
            }
            CacheProfile profile = state.existingProfile(cache);
            if (profile != null) {
                judge(profile, cacheChanges, write, findings);
            }
        }
    }

    private void judge(CacheProfile profile, CacheChanges cacheChanges, SourceWrite write, FindingSink findings) {
        long ttl = profile.ttlMillis();
        if (ttl == CacheRegistered.NO_EXPIRY && cacheChanges.changes >= MIN_CHANGES) {
            reported.add(profile.name());
            findings.report(observation(
                    FindingKind.NO_EXPIRY,
                    profile.name(),
                    "entries of cache '" + profile.name() + "' never expire and nothing invalidates them, yet what"
                            + " they hold changed " + cacheChanges.changes + " times (last by " + write.site()
                            + "): they serve old values until the application restarts",
                    cacheChanges,
                    "none",
                    write.site()));
        } else if (ttl > 0 && cacheChanges.intervals.size() >= MIN_CHANGES - 1) {
            long median = cacheChanges.medianMillis();
            if (median * 4 < ttl) {
                reported.add(profile.name());
                findings.report(observation(
                        FindingKind.TTL_TOO_LONG,
                        profile.name(),
                        "entries of cache '" + profile.name() + "' live " + Duration.ofMillis(ttl) + " but what they"
                                + " hold changes every " + Duration.ofMillis(median) + " (median) and nothing"
                                + " invalidates them: readers see values up to " + Duration.ofMillis(ttl) + " old",
                        cacheChanges,
                        Duration.ofMillis(ttl).toString(),
                        write.site()));
            }
        }
    }

    private static Observation observation(
            FindingKind kind, String cache, String message, CacheChanges changes, String ttl, String site) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("ttl", ttl);
        evidence.put("changesSeen", String.valueOf(changes.changes));
        if (!changes.intervals.isEmpty()) {
            evidence.put(
                    "medianChangeInterval",
                    Duration.ofMillis(changes.medianMillis()).toString());
        }
        evidence.put("invalidation", "none seen");
        return new Observation(kind, cache, kind.name(), message, null, null, List.of(site), evidence);
    }

    private static final class CacheChanges {

        private final ArrayDeque<Long> intervals = new ArrayDeque<>();

        private long changes;

        void interval(long nanos) {
            if (intervals.size() == 64) {
                intervals.pollFirst();
            }
            intervals.addLast(nanos / 1_000_000);
        }

        long medianMillis() {
            List<Long> sorted = new ArrayList<>(intervals);
            sorted.sort(null);
            return sorted.get(sorted.size() / 2);
        }
    }
}
