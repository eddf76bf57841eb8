package dev.cacheaudit.core.detect;

import dev.cacheaudit.core.event.CacheClear;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.CacheRead;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Observation;
import dev.cacheaudit.core.internal.state.AuditView;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code FULL_CLEAR}: whole-cache clears on the write path, often enough to empty a populated cache again and again.
 * A clear counts when the cache was refilled with at least {@value #MIN_ENTRIES} entries since the previous one;
 * {@value #MIN_CLEARS} such clears within {@value #WINDOW_SECONDS} seconds from one site are reported, with the misses
 * that followed the clears as evidence. A rare clear from an administrative path never reaches that rate.
 */
public final class FullClearDetector implements Detector {

    static final int MIN_ENTRIES = 5;

    static final int MIN_CLEARS = 3;

    static final int WINDOW_SECONDS = 60;

    private static final long WINDOW_NANOS = Duration.ofSeconds(WINDOW_SECONDS).toNanos();

    private static final long MISS_SPIKE_NANOS = Duration.ofSeconds(1).toNanos();

    private final Map<String, CacheClears> caches = new HashMap<>();

    @Override
    public void on(CacheEvent event, AuditView state, FindingSink findings) {
        if (event instanceof CachePut put) {
            clears(put.cache()).puts++;
        } else if (event instanceof CacheRead read && !read.hit()) {
            CacheClears clears = clears(read.cache());
            if (clears.lastClearNanos != 0 && read.nanos() - clears.lastClearNanos <= MISS_SPIKE_NANOS) {
                clears.missesAfterClears++;
            }
        } else if (event instanceof CacheClear clear) {
            cleared(clear, findings);
        }
    }

    private void cleared(CacheClear clear, FindingSink findings) {
        CacheClears clears = clears(clear.cache());
        long refilled = clears.puts;
        clears.puts = 0;
        clears.lastClearNanos = clear.nanos();
        if (refilled < MIN_ENTRIES) {
            return;
        }
        clears.emptied.addLast(new long[] {clear.nanos(), refilled});
        while (!clears.emptied.isEmpty() && clear.nanos() - clears.emptied.peekFirst()[0] > WINDOW_NANOS) {
            clears.emptied.pollFirst();
        }
        if (clears.emptied.size() < MIN_CLEARS) {
            return;
        }
        long entries = 0;
        for (long[] emptied : clears.emptied) {
            entries += emptied[1];
        }
        findings.report(observation(clear, clears, entries / clears.emptied.size()));
    }

    private static Observation observation(CacheClear clear, CacheClears clears, long averageEntries) {
        String site = clear.site() != null ? clear.site() : "unknown";
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("clearsInWindow", String.valueOf(clears.emptied.size()));
        evidence.put("window", WINDOW_SECONDS + "s");
        evidence.put("averageEntriesDropped", String.valueOf(averageEntries));
        evidence.put("missesWithin1sAfterClears", String.valueOf(clears.missesAfterClears));
        evidence.put("writeSite", site);
        return new Observation(
                FindingKind.FULL_CLEAR,
                clear.cache(),
                "clear|" + site,
                site + " clears all of cache '" + clear.cache() + "' (" + clears.emptied.size() + " times in "
                        + WINDOW_SECONDS + "s, about " + averageEntries + " entries each), and "
                        + clears.missesAfterClears + " misses followed within a second",
                null,
                null,
                clear.site() != null ? List.of(clear.site()) : List.of(),
                evidence);
    }

    private CacheClears clears(String cache) {
        if (caches.size() >= 1000 && !caches.containsKey(cache)) {
            caches.clear();
        }
        return caches.computeIfAbsent(cache, c -> new CacheClears());
    }

    private static final class CacheClears {

        final ArrayDeque<long[]> emptied = new ArrayDeque<>();

        long puts;

        long lastClearNanos;

        long missesAfterClears;
    }
}
