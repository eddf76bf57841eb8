package dev.cacheaudit.core.internal.state;

import dev.cacheaudit.core.StateLimits;
import dev.cacheaudit.core.event.CacheClear;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.CacheEvict;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.CacheRead;
import dev.cacheaudit.core.event.CacheRegistered;
import dev.cacheaudit.core.event.RedisCommand;
import dev.cacheaudit.core.keys.KeyDecomposer;
import dev.cacheaudit.core.keys.KeyDescriptor;
import dev.cacheaudit.core.keys.KeyShape;
import dev.cacheaudit.core.keys.KeyVocabulary;
import dev.cacheaudit.core.keys.Nearness;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The engine's memory, updated by {@link #apply(CacheEvent)} before detectors see an event. Owned by the engine
 * thread; detectors read it from there, through its {@link AuditView}.
 */
public final class AuditState implements AuditView {

    /** Bytes an entry of the key history costs beyond its printed key: map node, id record and history. */
    private static final long KEY_OVERHEAD_BYTES = 160;

    private final StateLimits limits;

    private final KeyDecomposer decomposer;

    private final Map<String, CacheProfile> caches;

    private final BoundedLruMap<EntryId, KeyHistory> keys;

    private final CacheProfile wire;

    private final EntityIndex entities;

    private long forgottenCaches;

    private final Map<String, java.util.Set<String>> cachesByEntity = new java.util.HashMap<>();

    /** The transaction that last wrote each entity, to tell a second sighting of one write from a new write. */
    private final Map<String, Long> lastWriteTransaction = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > 10_000;
        }
    };

    private boolean repeatedWrite;

    private final KeyVocabulary vocabulary;

    private final CacheRegistry registry;

    public AuditState(StateLimits limits, KeyDecomposer decomposer) {
        this(limits, decomposer, new KeyVocabulary(), new CacheRegistry(limits.maxCaches()));
    }

    /**
     * State that teaches the given vocabulary the words of keys that are structure, so that redaction may show them.
     *
     * @param registry where the store of each registered cache is kept, for every thread to read
     */
    public AuditState(StateLimits limits, KeyDecomposer decomposer, KeyVocabulary vocabulary, CacheRegistry registry) {
        this.limits = limits;
        this.registry = registry;
        this.vocabulary = vocabulary;
        this.decomposer = decomposer;
        this.caches = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CacheProfile> eldest) {
                boolean full = size() > limits.maxCaches();
                if (full) {
                    forgottenCaches++;
                }
                return full;
            }
        };
        // An eighth of the key budget goes to the entity index, so both stay within the one cap.
        this.entities = new EntityIndex(limits.maxKeyBytes() / 8);
        this.keys = new BoundedLruMap<>(
                limits.maxKeyBytes() - limits.maxKeyBytes() / 8,
                (id, history) -> KEY_OVERHEAD_BYTES + 2L * id.printed().length());
        this.wire = new CacheProfile(WIRE, limits.maxShapesPerCache(), vocabulary, registry);
    }

    private static final int DESCRIBED_KEYS = 4096;

    private @Nullable Object lastKey;

    private @Nullable KeyDescriptor lastDescriptor;

    /** Descriptions of recently seen keys: hot keys come back again and again, and describing one takes a regex. */
    private final Map<Object, KeyDescriptor> described = new LinkedHashMap<>(DESCRIBED_KEYS * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, KeyDescriptor> eldest) {
            return size() > DESCRIBED_KEYS;
        }
    };

    /**
     * {@inheritDoc} The state and every detector describe the key of the event at hand, and hot keys recur, so
     * descriptions are kept for recently seen keys (by equality; a key whose {@code equals} or {@code hashCode} throws
     * is simply described again).
     */
    @Override
    public KeyDescriptor describe(Object key) {
        KeyDescriptor last = lastDescriptor;
        if (key == lastKey && last != null) {
            return last;
        }
        KeyDescriptor description = null;
        try {
            description = described.get(key);
        } catch (RuntimeException | LinkageError | AssertionError ex) {
            // An equals or hashCode that throws: describe the key without the cache.
        }
        if (description == null || !description.type().equals(key.getClass().getSimpleName())) {
            description = KeyDescriptor.of(key, decomposer);
            try {
                described.put(key, description);
            } catch (RuntimeException | LinkageError | AssertionError ex) {
                // As above: such a key is not kept.
            }
        }
        lastKey = key;
        lastDescriptor = description;
        return description;
    }

    /** Takes an event into account. */
    public void apply(CacheEvent event) {
        if (event instanceof CacheRead e) {
            KeyDescriptor key = describe(e.key());
            profile(e.cache()).read(key, e.site(), e.nanos());
            KeyHistory history = history(e.cache(), key);
            history.reads++;
            history.lastReadNanos = e.nanos();
        } else if (event instanceof CachePut e) {
            KeyDescriptor key = describe(e.key());
            profile(e.cache()).put(key, e.site(), e.nanos());
            KeyHistory history = history(e.cache(), key);
            history.puts++;
            history.lastPutNanos = e.nanos();
            history.lastLoadStartNanos = e.loadStartNanos();
            entities.stored(e.cache(), key);
        } else if (event instanceof CacheEvict e) {
            KeyDescriptor key = describe(e.key());
            profile(e.cache()).evicted(key, e.site(), e.nanos());
            KeyHistory history = history(e.cache(), key);
            history.evictions++;
            history.lastEvictNanos = e.nanos();
        } else if (event instanceof CacheClear e) {
            profile(e.cache()).cleared(e.nanos());
        } else if (event instanceof CacheRegistered e) {
            registry.backend(e.cache(), e.backend());
            profile(e.cache()).registered(e.transactionAware(), e.keyComparison(), e.ttlMillis());
        } else if (event instanceof RedisCommand e) {
            applyWire(e);
        } else if (event instanceof dev.cacheaudit.core.event.SourceWrite e) {
            repeatedWrite = false;
            if (e.id() != null && e.tx().active()) {
                Long previous = lastWriteTransaction.put(e.entity() + '|' + e.id(), e.tx().txId());
                repeatedWrite = previous != null && previous == e.tx().txId();
            }
        } else if (event instanceof dev.cacheaudit.core.event.EntityHeld e) {
            entities.held(e.cache(), describe(e.key()), e);
        } else if (event instanceof dev.cacheaudit.core.event.DeclaredOperations e) {
            for (dev.cacheaudit.core.event.DeclaredOperations.Declared declared : e.operations()) {
                vocabulary.learnFromCode(declared.cache(), false);
                vocabulary.learnFromCode(declared.keyExpression(), true);
            }
            for (dev.cacheaudit.core.event.DeclaredOperations.Holding holding : e.holdings()) {
                cachesByEntity
                        .computeIfAbsent(holding.entity(), entity -> new java.util.LinkedHashSet<>())
                        .add(holding.cache());
            }
        }
        // Errors, source writes and transaction boundaries leave no per-key state of their own.
    }

    private void applyWire(RedisCommand command) {
        byte[] bytes = command.key();
        if (bytes == null || command.failed()) {
            return;
        }
        KeyDescriptor key = KeyDescriptor.ofRedis(bytes);
        switch (command.type().kind()) {
            case READ -> {
                wire.read(key, command.site(), command.nanos());
                KeyHistory history = history(WIRE, key);
                history.reads++;
                history.lastReadNanos = command.nanos();
            }
            case WRITE -> wire.put(key, command.site(), command.nanos());
            case DELETE -> wire.evicted(key, command.site(), command.nanos());
            case EXPIRE -> {
                // An expiry leaves the key and its value as they are: no evidence the detectors use.
            }
        }
    }

    @Override
    public boolean repeatedWrite() {
        return repeatedWrite;
    }

    @Override
    public java.util.List<IdentifiedKey> keysOf(String cache, String id) {
        CacheProfile profile = caches.get(cache);
        KeyShape idShape = KeyShape.of(id);
        if (profile == null || !idShape.variables().equals(java.util.List.of(id))) {
            return java.util.List.of();
        }
        java.util.List<IdentifiedKey> keys = new java.util.ArrayList<>(1);
        for (ShapeId shape : profile.putShapes().keySet()) {
            if (Nearness.placeholderCount(shape.shape()) == 1 && shape.shape().contains(idShape.shape())) {
                String printed = Nearness.fill(shape.shape(), java.util.List.of(id));
                if (printed != null) {
                    keys.add(new IdentifiedKey(shape, printed));
                }
            }
        }
        return keys;
    }

    @Override
    public java.util.Set<String> cachesHolding(String entity) {
        return cachesByEntity.getOrDefault(entity, java.util.Set.of());
    }

    @Override
    public EntityIndex entities() {
        return entities;
    }

    @Override
    public boolean holds(String cache, String type, String printed) {
        KeyHistory history = keys.get(new EntryId(cache, type, printed));
        CacheProfile profile = caches.get(cache);
        return history != null
                && history.lastPutNanos != 0
                && history.lastPutNanos > history.lastEvictNanos
                && (profile == null || history.lastPutNanos > profile.lastClearNanos());
    }

    /** The profile of a cache, created on first use. */
    public CacheProfile profile(String cache) {
        return caches.computeIfAbsent(
                cache, name -> new CacheProfile(name, limits.maxShapesPerCache(), vocabulary, registry));
    }

    @Override
    public @Nullable CacheProfile existingProfile(String cache) {
        return caches.get(cache);
    }

    @Override
    public Collection<CacheProfile> profiles() {
        return java.util.Collections.unmodifiableCollection(caches.values());
    }

    @Override
    public CacheProfile wire() {
        return wire;
    }

    /** The history of one entry, created on first use. */
    public KeyHistory history(String cache, KeyDescriptor key) {
        return keys.computeIfAbsent(new EntryId(cache, key.type(), key.printed()), id -> new KeyHistory());
    }

    @Override
    public @Nullable KeyHistory existingHistory(String cache, KeyDescriptor key) {
        return keys.get(new EntryId(cache, key.type(), key.printed()));
    }

    @Override
    public @Nullable KeyHistory existingHistory(String cache, String type, String printed) {
        return keys.get(new EntryId(cache, type, printed));
    }

    /** How many entries the key history holds. */
    public int trackedKeys() {
        return keys.size();
    }

    /** The estimated heap the key history takes, in bytes. */
    public long trackedKeyBytes() {
        return keys.weight() + entities.weight();
    }

    /** How many keys, shapes and caches were forgotten to stay within the limits. */
    public long forgotten() {
        long shapes = wire.forgottenShapes();
        for (CacheProfile profile : caches.values()) {
            shapes += profile.forgottenShapes();
        }
        return keys.evicted() + entities.forgotten() + shapes + forgottenCaches;
    }

    private record EntryId(String cache, String type, String printed) {}
}
