package dev.cacheaudit.autoconfigure.verify;

import dev.cacheaudit.core.verify.CheckTarget;
import dev.cacheaudit.core.verify.Lookup;
import dev.cacheaudit.core.verify.SourceOfTruth;
import dev.cacheaudit.core.verify.ValueInspector;
import dev.cacheaudit.core.verify.VerificationBackend;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;

/**
 * Reads cache entries and their source for the verifier, on its thread. The cached value is read from the decorated
 * store directly, so nothing is recorded. The source is read by a {@link SourceOfTruth} bean for the cache when there
 * is one, otherwise by making the call that loaded the entry again through its proxy, while the audited caches are
 * transparent for the thread that reads (a miss, and no put). Every source read goes through {@link SourceReads}: on a
 * thread of its own, within the timeout, inside a transaction that is always rolled back.
 */
public final class SpringVerificationBackend implements VerificationBackend {

    private static final Method LOAD;

    static {
        try {
            LOAD = SourceOfTruth.class.getMethod("load", Object.class);
        } catch (NoSuchMethodException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** The stores under the audited caches, by name: reading them directly records nothing. */
    private final Map<String, Cache> stores = new ConcurrentHashMap<>();

    private final Loaders loaders;

    private final java.util.function.Supplier<Map<String, SourceOfTruth>> sourceBeans;

    private volatile @Nullable Map<String, SourceOfTruth> sources;

    private final Set<String> optedOut;

    private final SourceReads reads;

    private volatile ValueInspector inspector = ValueInspector.NONE;

    /**
     * @param loaders the calls that loaded entries
     * @param sources sources of truth by cache name, looked up on first use: a source that depends on a repository
     *     would otherwise make a cycle with the entity manager factory, which the auditor's recording depends on
     * @param optedOut caches whose values must not be verified
     * @param reads makes source reads, within a timeout and in a rolled-back transaction
     */
    public SpringVerificationBackend(
            Loaders loaders,
            java.util.function.Supplier<Map<String, SourceOfTruth>> sources,
            Set<String> optedOut,
            SourceReads reads) {
        this.loaders = loaders;
        this.sourceBeans = sources;
        this.optedOut = Set.copyOf(optedOut);
        this.reads = reads;
    }

    /** The source reads, with their counts of reads not made. */
    public SourceReads reads() {
        return reads;
    }

    /** Tells entities from other values in comparisons (set once JPA is known to be there). */
    public void inspectValuesWith(ValueInspector inspector) {
        this.inspector = inspector;
    }

    @Override
    public ValueInspector inspector() {
        return inspector;
    }

    /**
     * Makes an audited cache known to the verifier.
     *
     * @param store the cache the auditing decorator wraps, which the verifier reads without being recorded
     */
    public void register(String cache, Cache store) {
        stores.put(cache, store);
    }

    @Override
    public boolean canVerify(CheckTarget target) {
        if (optedOut.contains(target.cache()) || !stores.containsKey(target.cache())) {
            return false;
        }
        return sources().containsKey(target.cache())
                || loaders.get(target.cache(), target.keyType(), target.printedKey()) != null;
    }

    @Override
    public Lookup cached(CheckTarget target) {
        Cache store = stores.get(target.cache());
        Object key = key(target);
        if (store == null || key == null) {
            return Lookup.UNAVAILABLE;
        }
        Cache.ValueWrapper value = store.get(key);
        return value != null ? Lookup.of(value.get()) : Lookup.ABSENT;
    }

    @Override
    public Lookup source(CheckTarget target) {
        String cache = target.cache();
        try {
            SourceOfTruth source = sources().get(cache);
            if (source != null) {
                Object key = key(target);
                if (key == null) {
                    return Lookup.UNAVAILABLE;
                }
                return present(reads.read(cache, source, LOAD, () -> source.load(key)));
            }
            Loaders.Loader loader = loaders.get(cache, target.keyType(), target.printedKey());
            if (loader == null) {
                return Lookup.UNAVAILABLE;
            }
            return present(reads.read(cache, loader.proxy(), loader.method(), () -> Loaders.Loader.invoke(loader)));
        } catch (SkippedRead ex) {
            return Lookup.UNAVAILABLE;
        } catch (Exception ex) {
            if (isNotFound(ex)) {
                return Lookup.ABSENT;
            }
            reads.skip(cache, SkipReason.FAILED);
            return Lookup.UNAVAILABLE;
        }
    }

    private Map<String, SourceOfTruth> sources() {
        Map<String, SourceOfTruth> resolved = sources;
        if (resolved == null) {
            resolved = Map.copyOf(sourceBeans.get());
            sources = resolved;
        }
        return resolved;
    }

    private @Nullable Object key(CheckTarget target) {
        if (target.key() != null) {
            return target.key();
        }
        Loaders.Loader loader = loaders.get(target.cache(), target.keyType(), target.printedKey());
        return loader != null ? loader.key() : null;
    }

    private static Lookup present(@Nullable Object value) {
        if (value instanceof Optional<?> optional) {
            return optional.isPresent() ? Lookup.of(optional.get()) : Lookup.ABSENT;
        }
        return value != null ? Lookup.of(value) : Lookup.ABSENT;
    }

    /** An exception whose name says the entity is gone: the source has no value for the key. */
    private static boolean isNotFound(@Nullable Throwable cause) {
        return cause != null && cause.getClass().getSimpleName().contains("NotFound");
    }
}
