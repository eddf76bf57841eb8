package dev.cacheaudit.core.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The value of the {@code cache} tag: the cache's name for the first {@code max} caches, then a shared one. */
final class CacheTags {

    private final Set<String> named = ConcurrentHashMap.newKeySet();

    private final int max;

    CacheTags(int max) {
        this.max = max;
    }

    /** Whether the cache has a tag of its own (taking one of the free places if it has none yet). */
    boolean admit(String cache) {
        if (named.contains(cache)) {
            return true;
        }
        synchronized (named) {
            return named.size() < max && named.add(cache) || named.contains(cache);
        }
    }

    String tag(String cache) {
        return admit(cache) ? cache : MeterNames.OTHER_CACHES;
    }
}
