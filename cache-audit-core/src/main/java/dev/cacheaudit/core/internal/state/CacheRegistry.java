package dev.cacheaudit.core.internal.state;

import dev.cacheaudit.core.CacheCounters;
import dev.cacheaudit.core.StateLimits;
import dev.cacheaudit.core.event.Backend;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counters and the store of every cache seen so far, safe to use from any thread. This is the one place a cache's
 * store is kept: the state writes it here when it applies the cache's {@link
 * dev.cacheaudit.core.event.CacheRegistered} event, and {@link CacheProfile#backend()} (for detectors), the report and
 * the Actuator endpoint all read it from here. At most {@code maxCaches} caches
 * are tracked: an application that makes cache names from data (one cache per tenant, say) must not grow the
 * auditor's memory or its meters. A cache beyond the cap gets {@link CacheCounters#UNTRACKED} counters, which the
 * recording layer takes as "do not audit this cache"; each such refusal is counted in {@link #overflowed()}.
 */
public final class CacheRegistry {

    private static final Logger logger = LoggerFactory.getLogger(CacheRegistry.class);

    private final Map<String, CacheCounters> counters = new ConcurrentHashMap<>();

    private final Map<String, Store> stores = new ConcurrentHashMap<>();

    private final BiConsumer<String, CacheCounters> onTracked;

    private final int maxCaches;

    private final AtomicInteger size = new AtomicInteger();

    private final LongAdder overflowed = new LongAdder();

    private final AtomicBoolean warned = new AtomicBoolean();

    /** A registry that tracks up to {@link StateLimits#DEFAULTS}' number of caches. */
    public CacheRegistry() {
        this(StateLimits.DEFAULTS.maxCaches());
    }

    /** A registry that tracks up to {@code maxCaches} caches. */
    public CacheRegistry(int maxCaches) {
        this(maxCaches, (cache, counters) -> {});
    }

    /**
     * A registry that tracks up to {@code maxCaches} caches.
     *
     * @param onTracked told of each cache as it becomes tracked, on the thread that first used it (the audit passes
     *     its listeners' {@code onCacheTracked})
     */
    public CacheRegistry(int maxCaches, BiConsumer<String, CacheCounters> onTracked) {
        if (maxCaches < 1) {
            throw new IllegalArgumentException("maxCaches must be positive, was " + maxCaches);
        }
        this.maxCaches = maxCaches;
        this.onTracked = java.util.Objects.requireNonNull(onTracked, "onTracked");
    }

    /**
     * The counters of a cache, created on first use; {@link CacheCounters#UNTRACKED} once {@code maxCaches} caches are
     * tracked.
     */
    public CacheCounters counters(String cache) {
        CacheCounters existing = counters.get(cache);
        if (existing != null) {
            return existing;
        }
        if (size.incrementAndGet() > maxCaches) {
            size.decrementAndGet();
            overflowed.increment();
            if (!warned.getAndSet(true)) {
                logger.warn(
                        "cache-audit tracks at most {} caches (cache-audit.limits.max-caches): caches created from"
                                + " now on are not audited; each is counted in cache.audit.state.forgotten",
                        maxCaches);
            }
            return CacheCounters.UNTRACKED;
        }
        CacheCounters created = new CacheCounters();
        existing = counters.putIfAbsent(cache, created);
        if (existing != null) {
            size.decrementAndGet();
            return existing;
        }
        onTracked.accept(cache, created);
        return created;
    }

    /** Whether a cache is tracked (not beyond the cap). */
    public boolean tracked(String cache) {
        return counters.containsKey(cache);
    }

    /**
     * Remembers the store that backs a cache, when the cache is tracked. Written by the state as it applies a {@link
     * dev.cacheaudit.core.event.CacheRegistered} event; the store's name is classified here, once.
     */
    void backend(String cache, String backend) {
        if (counters(cache).audited()) {
            stores.put(cache, new Store(backend, Backend.of(backend)));
        }
    }

    /** The name of the store that backs a cache, as the report writes it; {@code unknown} when it was never said. */
    public String backendOf(String cache) {
        Store store = stores.get(cache);
        return store != null ? store.name() : Backend.UNKNOWN.id();
    }

    /** The kind of store that backs a cache; {@link Backend#UNKNOWN} when it was never said. */
    public Backend kindOf(String cache) {
        Store store = stores.get(cache);
        return store != null ? store.kind() : Backend.UNKNOWN;
    }

    /** Every cache by name, in name order. */
    public Map<String, CacheCounters> caches() {
        return new TreeMap<>(counters);
    }

    /** How many times a cache beyond the cap asked for counters and was left unaudited. */
    public long overflowed() {
        return overflowed.sum();
    }

    /** How many caches may be tracked. */
    public int maxCaches() {
        return maxCaches;
    }

    private record Store(String name, Backend kind) {}
}
