package dev.cacheaudit.autoconfigure.actuate;

import dev.cacheaudit.autoconfigure.cache.AuditingCache;
import dev.cacheaudit.autoconfigure.cache.CacheRecorder;
import dev.cacheaudit.autoconfigure.verify.SpringVerificationBackend;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.keys.KeyShape;
import dev.cacheaudit.core.verify.CheckTarget;
import dev.cacheaudit.core.verify.Lookup;
import dev.cacheaudit.core.verify.ValueComparison;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.transaction.TransactionAwareCacheDecorator;

/**
 * Answers "is this key stale?" for one key of one cache: whether the cache holds it (without counting a hit), its
 * remaining TTL in Redis, what the source of truth says through the verifier (within the verification read budget),
 * and the key's last recorded events. Keys appear redacted as everywhere else; values never appear.
 */
final class KeyProbe {

    private static final int TIMELINE_LIMIT = 50;

    private final CacheAudit audit;

    private final ObjectProvider<CacheManager> managers;

    private final ObjectProvider<SpringVerificationBackend> verification;

    private final ObjectProvider<CacheRecorder> recorder;

    private final BiFunction<Cache, String, @Nullable Long> redisTtl;

    private final KeyTimeline timeline;

    private final Map<String, Set<String>> ignoredFields;

    /** Source reads allowed per second: the verification budget (cache-audit.verification.max-per-second). */
    private final int sourceReadsPerSecond;

    private long windowStart;

    private int readsInWindow;

    KeyProbe(
            CacheAudit audit,
            ObjectProvider<CacheManager> managers,
            ObjectProvider<SpringVerificationBackend> verification,
            ObjectProvider<CacheRecorder> recorder,
            BiFunction<Cache, String, @Nullable Long> redisTtl,
            KeyTimeline timeline,
            Map<String, Set<String>> ignoredFields,
            double maxSourceReadsPerSecond) {
        this.audit = audit;
        this.managers = managers;
        this.verification = verification;
        this.recorder = recorder;
        this.redisTtl = redisTtl;
        this.timeline = timeline;
        this.ignoredFields = Map.copyOf(ignoredFields);
        this.sourceReadsPerSecond = (int) Math.max(1, Math.ceil(maxSourceReadsPerSecond));
        this.windowStart = audit.nanoTime();
    }

    /** The probe of one key, or {@code null} when no cache manager has a cache of that name. */
    @Nullable
    KeyProbeResult probe(String cacheName, String key) {
        AuditingCache cache = find(cacheName);
        if (cache == null) {
            return null;
        }
        Cache store = unwrap(cache.getTargetCache());
        String backend = audit.backendOf(cacheName);
        List<Object> candidates = candidates(key);
        Long ttl = redisTtl.apply(store, key);
        Object heldUnder = null;
        boolean cached;
        if (ttl != null) {
            cached = ttl != -2;
            heldUnder = cached ? key : null;
        } else {
            cached = false;
            for (Object candidate : candidates) {
                if (peek(store, candidate)) {
                    cached = true;
                    heldUnder = candidate;
                    break;
                }
            }
        }
        List<KeyTimeline.Entry> events = timeline.of(cacheName, key, TIMELINE_LIMIT);
        Source source = source(cacheName, key, candidates, cached);
        String state = !cached ? "absent" : source.verdict != null ? source.verdict : "cached";
        Instant staleSince = "stale".equals(state) ? staleSince(events) : null;
        return new KeyProbeResult(
                cacheName,
                redact(key),
                backend,
                state,
                cached,
                heldUnder != null ? heldUnder.getClass().getSimpleName() : null,
                ttl != null && ttl >= -1 ? ttl : null,
                source.status,
                source.differingFields,
                staleSince,
                events.stream().map(this::entry).toList());
    }

    private Source source(String cacheName, String key, List<Object> candidates, boolean cached) {
        SpringVerificationBackend backend = verification.getIfAvailable();
        CacheRecorder cacheRecorder = recorder.getIfAvailable();
        if (backend == null || cacheRecorder == null) {
            return new Source("not read: verification is off (cache-audit.verification.enabled)", null, List.of());
        }
        if (!cached) {
            return new Source("not read: nothing cached, nothing can be stale", null, List.of());
        }
        CheckTarget target = null;
        for (Object candidate : candidates) {
            CheckTarget t = new CheckTarget(cacheName, candidate.getClass().getSimpleName(), key, null);
            if (backend.canVerify(t)) {
                target = t;
                break;
            }
        }
        if (target == null) {
            return new Source(
                    "not read: no load of this key was recorded and no SourceOfTruth serves this cache",
                    null,
                    List.of());
        }
        if (!takeBudget()) {
            return new Source("not read: over the verification read budget, try again in a second", null, List.of());
        }
        CheckTarget checked = target;
        Lookup[] lookups =
                cacheRecorder.transparently(() -> new Lookup[] {backend.cached(checked), backend.source(checked)});
        Lookup inCache = lookups[0];
        Lookup inSource = lookups[1];
        if (inSource.state() == Lookup.State.UNAVAILABLE || inCache.state() == Lookup.State.UNAVAILABLE) {
            return new Source("unavailable: the source or the cache could not be read", "unknown", List.of());
        }
        if (inCache.state() == Lookup.State.ABSENT) {
            return new Source("read", "absent", List.of());
        }
        if (inSource.state() == Lookup.State.ABSENT) {
            return new Source("read: the source has no value for this key", "stale", List.of());
        }
        ValueComparison.Result result = ValueComparison.compare(
                inCache.value(), inSource.value(), ignoredFields.getOrDefault(cacheName, Set.of()));
        return switch (result.verdict()) {
            case FRESH -> new Source("read", "fresh", List.of());
            case STALE -> new Source("read", "stale", result.differingFields());
            default -> new Source("read: the values could not be compared", "unknown", List.of());
        };
    }

    private synchronized boolean takeBudget() {
        long now = audit.nanoTime();
        if (now - windowStart >= 1_000_000_000L) {
            windowStart = now;
            readsInWindow = 0;
        }
        if (readsInWindow >= sourceReadsPerSecond) {
            return false;
        }
        readsInWindow++;
        return true;
    }

    private static @Nullable Instant staleSince(List<KeyTimeline.Entry> events) {
        Instant since = null;
        for (KeyTimeline.Entry event : events) {
            if (event.event().equals("check") && event.detail().startsWith("stale")) {
                since = since == null ? event.at() : since;
            } else if (event.event().equals("check")
                    || event.event().equals("evict")
                    || event.event().equals("put")) {
                since = null;
            }
        }
        return since;
    }

    private KeyProbeResult.Event entry(KeyTimeline.Entry entry) {
        String keyForm = entry.keyForm().equals("redis") ? "redis " + redact(entry.printedKey()) : entry.keyForm();
        return new KeyProbeResult.Event(entry.at(), entry.event(), entry.detail(), keyForm, entry.site());
    }

    private String redact(String printed) {
        return audit.redactor().redact(printed, KeyShape.of(printed));
    }

    private @Nullable AuditingCache find(String name) {
        for (CacheManager manager : managers) {
            if (manager.getCacheNames().contains(name) && manager.getCache(name) instanceof AuditingCache audited) {
                return audited;
            }
        }
        return null;
    }

    private static boolean peek(Cache store, Object key) {
        // A concurrent map is read directly, so that the probe counts as no hit anywhere.
        if (store.getNativeCache() instanceof ConcurrentMap<?, ?> map) {
            return map.containsKey(key);
        }
        try {
            return store.get(key) != null;
        } catch (RuntimeException ex) {
            return false;
        }
    }

    private static List<Object> candidates(String key) {
        List<Object> candidates = new ArrayList<>(3);
        candidates.add(key);
        try {
            long number = Long.parseLong(key);
            candidates.add(number);
            if (number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE) {
                candidates.add((int) number);
            }
        } catch (NumberFormatException notANumber) {
            // Only a String can be meant.
        }
        return candidates;
    }

    private static Cache unwrap(Cache cache) {
        return cache instanceof TransactionAwareCacheDecorator decorator ? decorator.getTargetCache() : cache;
    }

    private record Source(String status, @Nullable String verdict, List<String> differingFields) {}
}
