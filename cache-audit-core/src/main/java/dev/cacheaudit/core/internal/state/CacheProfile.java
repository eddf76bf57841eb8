package dev.cacheaudit.core.internal.state;

import dev.cacheaudit.core.event.Backend;
import dev.cacheaudit.core.event.CacheRegistered.KeyComparison;
import dev.cacheaudit.core.keys.KeyDescriptor;
import dev.cacheaudit.core.keys.KeyShape;
import dev.cacheaudit.core.keys.KeyVocabulary;
import dev.cacheaudit.core.keys.WordPositions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the engine knows of one cache: how it was registered and the key shapes each kind of operation used. Its store
 * is kept by the {@link CacheRegistry}, which every thread reads; {@link #backend()} and {@link #kind()} ask it.
 */
public final class CacheProfile {

    private final String name;

    private final int maxShapes;

    private final Map<ShapeId, ShapeStats> reads;

    private final Map<ShapeId, ShapeStats> puts;

    private final Map<ShapeId, ShapeStats> evictions;

    private final CacheRegistry registry;

    private boolean transactionAware;

    private KeyComparison keyComparison = KeyComparison.EQUALS;

    private long ttlMillis = -1;

    private long clears;

    private long lastClearNanos;

    private long forgottenShapes;

    private final WordPositions words;

    CacheProfile(String name, int maxShapes) {
        this(name, maxShapes, new KeyVocabulary(), new CacheRegistry());
    }

    CacheProfile(String name, int maxShapes, KeyVocabulary vocabulary, CacheRegistry registry) {
        this.name = name;
        this.registry = registry;
        this.words = new WordPositions(vocabulary, AuditState.WIRE.equals(name));
        vocabulary.learnFromCode(name, false);
        this.maxShapes = maxShapes;
        this.reads = lru(maxShapes);
        this.puts = lru(maxShapes);
        this.evictions = lru(maxShapes);
    }

    private <K, V> Map<K, V> lru(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                boolean full = size() > max;
                if (full) {
                    forgottenShapes++;
                }
                return full;
            }
        };
    }

    void registered(boolean transactionAware, KeyComparison keyComparison, long ttlMillis) {
        this.transactionAware = transactionAware;
        this.keyComparison = keyComparison;
        this.ttlMillis = ttlMillis;
    }

    /**
     * How long entries live after they are written, in milliseconds: {@code 0} when they never expire, {@code -1} when
     * the store does not tell.
     */
    public long ttlMillis() {
        return ttlMillis;
    }

    void read(KeyDescriptor key, @Nullable String site, long nanos) {
        seen(reads, key, site, nanos);
    }

    void put(KeyDescriptor key, @Nullable String site, long nanos) {
        seen(puts, key, site, nanos);
    }

    void evicted(KeyDescriptor key, @Nullable String site, long nanos) {
        seen(evictions, key, site, nanos);
    }

    void cleared(long nanos) {
        clears++;
        lastClearNanos = nanos;
    }

    private void seen(Map<ShapeId, ShapeStats> shapes, KeyDescriptor key, @Nullable String site, long nanos) {
        if (key.simpleValue()) {
            words.learn(key.shape());
        }
        KeyDescriptor refined = refine(key);
        shapes.computeIfAbsent(ShapeId.of(refined), id -> new ShapeStats(refined, nanos))
                .seen(site, nanos);
    }

    /**
     * The key with the words this cache's keys showed to be data as {@code {w}} variables: {@code login:alice} is
     * {@code login:{w}} once several logins were seen in that position. Keys that are not plain values are left as
     * they are.
     */
    public KeyDescriptor refine(KeyDescriptor key) {
        if (!key.simpleValue()) {
            return key;
        }
        KeyShape refined = words.refine(key.shape());
        return refined == key.shape() ? key : key.withShape(refined);
    }

    public String name() {
        return name;
    }

    /** The name of the store, as the report writes it. */
    public String backend() {
        return registry.backendOf(name);
    }

    /** The kind of store, classified once when the cache was registered. */
    public Backend kind() {
        return registry.kindOf(name);
    }

    public boolean transactionAware() {
        return transactionAware;
    }

    public KeyComparison keyComparison() {
        return keyComparison;
    }

    /** Shapes used by reads, least recently used first; unmodifiable, as only the state records shapes. */
    public Map<ShapeId, ShapeStats> readShapes() {
        return Collections.unmodifiableMap(reads);
    }

    /** Shapes used by puts, least recently used first; unmodifiable. */
    public Map<ShapeId, ShapeStats> putShapes() {
        return Collections.unmodifiableMap(puts);
    }

    /** Shapes used by evictions, least recently used first; unmodifiable. */
    public Map<ShapeId, ShapeStats> evictionShapes() {
        return Collections.unmodifiableMap(evictions);
    }

    public long clears() {
        return clears;
    }

    public long lastClearNanos() {
        return lastClearNanos;
    }

    /** How many shapes were forgotten to stay within {@code maxShapes}. */
    public long forgottenShapes() {
        return forgottenShapes;
    }

    int maxShapes() {
        return maxShapes;
    }
}
