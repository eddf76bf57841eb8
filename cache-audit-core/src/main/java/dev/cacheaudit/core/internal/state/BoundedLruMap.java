package dev.cacheaudit.core.internal.state;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongBiFunction;
import org.jspecify.annotations.Nullable;

/**
 * A map that forgets its least recently used entries once their estimated size passes a budget. Owned by one thread
 * (the engine's); it counts every entry it forgets.
 */
public final class BoundedLruMap<K, V> {

    private final LinkedHashMap<K, Weighted<V>> map = new LinkedHashMap<>(256, 0.75f, true);

    private final long maxWeight;

    private final ToLongBiFunction<K, V> weigher;

    private long weight;

    private long evicted;

    public BoundedLruMap(long maxWeight, ToLongBiFunction<K, V> weigher) {
        if (maxWeight < 1) {
            throw new IllegalArgumentException("maxWeight must be positive, was " + maxWeight);
        }
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    public @Nullable V get(K key) {
        Weighted<V> entry = map.get(key);
        return entry != null ? entry.value : null;
    }

    /** The value for a key, created and weighed on first use; may forget older entries to stay within budget. */
    public V computeIfAbsent(K key, Function<K, V> factory) {
        Weighted<V> entry = map.get(key);
        if (entry != null) {
            return entry.value;
        }
        V value = factory.apply(key);
        long w = weigher.applyAsLong(key, value);
        map.put(key, new Weighted<>(value, w));
        weight += w;
        trim();
        return value;
    }

    private void trim() {
        Iterator<Map.Entry<K, Weighted<V>>> eldest = map.entrySet().iterator();
        while (weight > maxWeight && eldest.hasNext()) {
            Weighted<V> removed = eldest.next().getValue();
            eldest.remove();
            weight -= removed.weight;
            evicted++;
        }
    }

    public int size() {
        return map.size();
    }

    /** The estimated size of what is held, in the weigher's unit. */
    public long weight() {
        return weight;
    }

    /** How many entries were forgotten to stay within budget. */
    public long evicted() {
        return evicted;
    }

    /** The entries, least recently used first; iterating does not change the order. */
    public Iterable<Map.Entry<K, V>> entries() {
        return () -> map.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().value))
                .iterator();
    }

    private record Weighted<V>(V value, long weight) {}
}
