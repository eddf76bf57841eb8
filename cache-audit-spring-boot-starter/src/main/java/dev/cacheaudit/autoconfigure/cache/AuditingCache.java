package dev.cacheaudit.autoconfigure.cache;

import dev.cacheaudit.core.CacheCounters;
import dev.cacheaudit.core.event.Backend;
import dev.cacheaudit.core.event.CacheRegistered.KeyComparison;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;
import org.springframework.cache.transaction.TransactionAwareCacheDecorator;

/**
 * A {@link Cache} that records every operation on the cache it decorates, with the exact key object Spring computed.
 * It returns and throws exactly what the decorated cache returns and throws, and the futures of {@code retrieve} are
 * the decorated cache's own; a fault of the recording itself (a key whose {@code hashCode} or {@code toString} throws,
 * even an {@code Error}) is counted and never reaches the caller. A cache beyond {@code limits.max-caches} is not
 * audited at all. For the verifier's thread alone it is transparent: every lookup misses and
 * nothing is stored, so that re-making a loading call reads the source of truth without touching the cache.
 */
public final class AuditingCache implements Cache {

    private final Cache target;

    private final String name;

    private final CacheRecorder recorder;

    private final CacheCounters counters;

    private final boolean transactionAware;

    /** Whether this cache is audited: false beyond {@code limits.max-caches}. */
    private final boolean audited;

    /**
     * Whether the store is Redis and hits are sampled: then the {@code GET} of a read is recorded on the wire only for
     * the first read and for the sampled ones ({@link UnsampledWireReads}).
     */
    private final boolean samplesWireReads;

    /** Whether a read's wire command was recorded yet: the first always is, so the wire knows the key form at once. */
    private boolean wireReadRecorded;

    AuditingCache(Cache target, CacheRecorder recorder) {
        this.target = target;
        this.name = target.getName();
        this.recorder = recorder;
        this.counters = recorder.counters(name);
        this.audited = counters.audited();
        this.transactionAware = target instanceof TransactionAwareCacheDecorator;
        Cache store = target instanceof TransactionAwareCacheDecorator decorator ? decorator.getTargetCache() : target;
        String backend = Backends.of(store);
        this.samplesWireReads = audited && Backend.of(backend) == Backend.REDIS && recorder.samplesHits();
        if (!audited) {
            return;
        }
        recorder.decorated(name, target);
        recorder.registered(
                name,
                backend,
                transactionAware,
                Backend.of(backend).serializesKeys() ? KeyComparison.SERIALIZED : KeyComparison.EQUALS,
                TimeToLive.of(store));
    }

    /** The decorated cache. */
    public Cache getTargetCache() {
        return target;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Object getNativeCache() {
        return target.getNativeCache();
    }

    @Override
    public @Nullable ValueWrapper get(Object key) {
        if (recorder.transparent()) {
            return null;
        }
        ValueWrapper value;
        boolean outerMark = markWireRead();
        try {
            value = target.get(key);
        } catch (RuntimeException ex) {
            error("get", key, ex);
            throw ex;
        } finally {
            unmarkWireRead(outerMark);
        }
        read(key, value != null);
        return value;
    }

    @Override
    public <T> @Nullable T get(Object key, @Nullable Class<T> type) {
        if (recorder.transparent()) {
            return null;
        }
        T value;
        boolean outerMark = markWireRead();
        try {
            value = target.get(key, type);
        } catch (RuntimeException ex) {
            error("get", key, ex);
            throw ex;
        } finally {
            unmarkWireRead(outerMark);
        }
        read(key, value != null);
        return value;
    }

    @Override
    public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
        if (recorder.transparent()) {
            try {
                return valueLoader.call();
            } catch (Exception ex) {
                throw new ValueRetrievalException(key, valueLoader, ex);
            }
        }
        boolean[] loaded = new boolean[1];
        T value;
        boolean outerMark = markWireRead();
        try {
            value = target.get(key, () -> {
                loaded[0] = true;
                miss(key);
                // The loader is the application's code: its own Redis reads are recorded.
                unmarkWireRead(false);
                return valueLoader.call();
            });
        } catch (RuntimeException ex) {
            error("get", key, ex);
            throw ex;
        } finally {
            unmarkWireRead(outerMark);
        }
        if (loaded[0]) {
            recordPut(key, value);
        } else {
            read(key, true);
        }
        return value;
    }

    @Override
    public @Nullable CompletableFuture<?> retrieve(Object key) {
        if (recorder.transparent()) {
            return null;
        }
        CompletableFuture<?> future;
        boolean outerMark = markWireRead();
        try {
            future = target.retrieve(key);
        } finally {
            unmarkWireRead(outerMark);
        }
        if (future != null && audited) {
            // A side branch: the caller gets the decorated cache's own future, so completion, cancellation and
            // exception types are exactly those of an unaudited call.
            future.whenComplete((value, ex) -> {
                if (ex == null) {
                    read(key, value != null);
                }
            });
        }
        return future;
    }

    @Override
    public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
        if (recorder.transparent()) {
            return valueLoader.get();
        }
        AtomicBoolean loaded = new AtomicBoolean();
        CompletableFuture<T> future;
        boolean outerMark = markWireRead();
        try {
            future = target.retrieve(key, () -> {
                loaded.set(true);
                miss(key);
                unmarkWireRead(false);
                return valueLoader.get();
            });
        } finally {
            unmarkWireRead(outerMark);
        }
        if (future != null && audited) {
            // As above: recorded on a side branch, the decorated cache's future is what the caller gets.
            future.whenComplete((value, ex) -> {
                if (ex == null) {
                    if (loaded.get()) {
                        recordPut(key, value);
                    } else {
                        read(key, true);
                    }
                }
            });
        }
        return future;
    }

    @Override
    public void put(Object key, @Nullable Object value) {
        if (recorder.transparent()) {
            return;
        }
        try {
            target.put(key, value);
        } catch (RuntimeException ex) {
            error("put", key, ex);
            throw ex;
        }
        recordPut(key, value);
    }

    @Override
    public @Nullable ValueWrapper putIfAbsent(Object key, @Nullable Object value) {
        if (recorder.transparent()) {
            return null;
        }
        ValueWrapper existing;
        try {
            existing = target.putIfAbsent(key, value);
        } catch (RuntimeException ex) {
            error("put", key, ex);
            throw ex;
        }
        if (existing == null) {
            recordPut(key, value);
        }
        return existing;
    }

    @Override
    public void evict(Object key) {
        if (recorder.transparent()) {
            return;
        }
        try {
            target.evict(key);
        } catch (RuntimeException ex) {
            error("evict", key, ex);
            throw ex;
        }
        evicted(key);
    }

    @Override
    public boolean evictIfPresent(Object key) {
        if (recorder.transparent()) {
            return false;
        }
        boolean present;
        try {
            present = target.evictIfPresent(key);
        } catch (RuntimeException ex) {
            error("evict", key, ex);
            throw ex;
        }
        evicted(key);
        return present;
    }

    @Override
    public void clear() {
        if (recorder.transparent()) {
            return;
        }
        try {
            target.clear();
        } catch (RuntimeException ex) {
            error("clear", null, ex);
            throw ex;
        }
        cleared();
    }

    @Override
    public boolean invalidate() {
        if (recorder.transparent()) {
            return false;
        }
        boolean present;
        try {
            present = target.invalidate();
        } catch (RuntimeException ex) {
            error("clear", null, ex);
            throw ex;
        }
        cleared();
        return present;
    }

    /**
     * Marks the thread before the store reads, when this read's wire command is left out; returns the mark to put back
     * with {@link #unmarkWireRead(boolean)}.
     */
    private boolean markWireRead() {
        if (!samplesWireReads) {
            return false;
        }
        boolean unsampled;
        if (wireReadRecorded) {
            unsampled = !recorder.wireReadSampled();
        } else {
            // Written once: a write on every read would bounce this field's cache line between the callers' cores.
            wireReadRecorded = true;
            unsampled = false;
        }
        return UnsampledWireReads.mark(unsampled);
    }

    private void unmarkWireRead(boolean previous) {
        if (samplesWireReads) {
            UnsampledWireReads.restore(previous);
        }
    }

    private void read(Object key, boolean hit) {
        if (!audited) {
            return;
        }
        try {
            if (hit) {
                recorder.hit(name, counters, key);
            } else {
                recorder.miss(name, counters, key);
            }
        } catch (Throwable ex) {
            recorder.recordingFailed(ex);
        }
    }

    private void miss(Object key) {
        read(key, false);
    }

    private void recordPut(Object key, @Nullable Object value) {
        if (!audited) {
            return;
        }
        try {
            recorder.put(name, counters, key, value, transactionAware);
        } catch (Throwable ex) {
            recorder.recordingFailed(ex);
        }
    }

    private void evicted(Object key) {
        if (!audited) {
            return;
        }
        try {
            recorder.evict(name, counters, key, transactionAware);
        } catch (Throwable ex) {
            recorder.recordingFailed(ex);
        }
    }

    private void cleared() {
        if (!audited) {
            return;
        }
        try {
            recorder.clear(name, counters, transactionAware);
        } catch (Throwable ex) {
            recorder.recordingFailed(ex);
        }
    }

    private void error(String operation, @Nullable Object key, RuntimeException failure) {
        if (!audited) {
            return;
        }
        try {
            recorder.error(name, counters, operation, key, failure);
        } catch (Throwable ex) {
            recorder.recordingFailed(ex);
        }
    }

    @Override
    public String toString() {
        return "AuditingCache[" + target + "]";
    }
}
