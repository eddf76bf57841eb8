package dev.cacheaudit.core.detect;

import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.CacheRead;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Observation;
import dev.cacheaudit.core.internal.state.AuditView;
import dev.cacheaudit.core.keys.KeyDescriptor;
import dev.cacheaudit.core.keys.KeyRedactor;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code STAMPEDE}: many loads of one key at once. When a load's put arrives, the misses of that key that happened
 * while it was loading are loads that ran concurrently; {@value #MIN_CONCURRENT} or more is a stampede on the source.
 * Loads that fail never put and are never judged, so a key that is missed again and again one call after another
 * stays silent; so does {@code @Cacheable(sync = true)}, where one thread loads and the others wait for its value.
 */
public final class StampedeDetector implements Detector {

    static final int MIN_CONCURRENT = 5;

    private static final int MAX_KEYS = 10_000;

    private static final int MISSES_PER_KEY = 256;

    private final KeyRedactor redactor;

    private final Map<String, ArrayDeque<Long>> misses = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Long>> eldest) {
            return size() > MAX_KEYS;
        }
    };

    public StampedeDetector(KeyRedactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public void on(CacheEvent event, AuditView state, FindingSink findings) {
        if (event instanceof CacheRead read && !read.hit()) {
            ArrayDeque<Long> times =
                    misses.computeIfAbsent(id(read.cache(), state.describe(read.key())), k -> new ArrayDeque<>());
            if (times.size() == MISSES_PER_KEY) {
                times.pollFirst();
            }
            times.addLast(read.nanos());
        } else if (event instanceof CachePut put && put.loadStartNanos() != 0) {
            KeyDescriptor key = state.describe(put.key());
            ArrayDeque<Long> times = misses.get(id(put.cache(), key));
            if (times == null) {
                return;
            }
            int concurrent = 0;
            for (long miss : times) {
                if (miss >= put.loadStartNanos() && miss <= put.nanos()) {
                    concurrent++;
                }
            }
            while (!times.isEmpty() && times.peekFirst() <= put.loadStartNanos()) {
                times.pollFirst();
            }
            if (concurrent >= MIN_CONCURRENT) {
                findings.report(observation(put, key, concurrent));
            }
        }
    }

    private Observation observation(CachePut put, KeyDescriptor key, int concurrent) {
        String site = put.site() != null ? put.site() : "unknown";
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("concurrentLoads", String.valueOf(concurrent));
        evidence.put("loadMillis", String.valueOf((put.nanos() - put.loadStartNanos()) / 1_000_000));
        evidence.put("site", site);
        return new Observation(
                FindingKind.STAMPEDE,
                put.cache(),
                "stampede|" + site,
                concurrent + " loads of one key of cache '" + put.cache() + "' ran at the same time in " + site
                        + ": every concurrent miss went to the source",
                redactor.redact(key),
                null,
                put.site() != null ? List.of(put.site()) : List.of(),
                evidence);
    }

    private static String id(String cache, KeyDescriptor key) {
        return cache + "|" + key.type() + "|" + key.printed();
    }
}
