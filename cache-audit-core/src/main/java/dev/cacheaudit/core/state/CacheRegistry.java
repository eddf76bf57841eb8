package dev.cacheaudit.core.state;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** The counters and backend of every cache seen so far, safe to use from any thread. */
public final class CacheRegistry {

    private final Map<String, CacheCounters> counters = new ConcurrentHashMap<>();

    private final Map<String, String> backends = new ConcurrentHashMap<>();

    private final java.util.List<BiConsumer<String, CacheCounters>> listeners = new CopyOnWriteArrayList<>();

    /** The counters of a cache, created on first use. */
    public CacheCounters counters(String cache) {
        CacheCounters existing = counters.get(cache);
        if (existing != null) {
            return existing;
        }
        CacheCounters created = new CacheCounters();
        existing = counters.putIfAbsent(cache, created);
        if (existing != null) {
            return existing;
        }
        listeners.forEach(listener -> listener.accept(cache, created));
        return created;
    }

    /** Calls the listener for every cache known now and for every cache that appears later. */
    public void onCache(BiConsumer<String, CacheCounters> listener) {
        listeners.add(listener);
        counters.forEach(listener);
    }

    /** Remembers what kind of store backs a cache. */
    public void backend(String cache, String backend) {
        backends.put(cache, backend);
        counters(cache);
    }

    /** The kind of store that backs a cache, {@code unknown} when it was never said. */
    public String backendOf(String cache) {
        return backends.getOrDefault(cache, "unknown");
    }

    /** Every cache by name, in name order. */
    public Map<String, CacheCounters> caches() {
        return new TreeMap<>(counters);
    }
}
