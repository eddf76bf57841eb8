package dev.cacheaudit.autoconfigure.cache;

import dev.cacheaudit.autoconfigure.support.CallSites;
import dev.cacheaudit.autoconfigure.support.Invocation;
import dev.cacheaudit.autoconfigure.support.TransactionProbe;
import dev.cacheaudit.autoconfigure.verify.Loaders;
import dev.cacheaudit.autoconfigure.verify.SpringVerificationBackend;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.CacheCounters;
import dev.cacheaudit.core.event.CacheClear;
import dev.cacheaudit.core.event.CacheError;
import dev.cacheaudit.core.event.CacheEvict;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.CacheRead;
import dev.cacheaudit.core.event.CacheRegistered;
import dev.cacheaudit.core.event.EntityHeld;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;

/**
 * Turns cache operations into events. On a hit it only bumps a counter and, for a sample of hits, hands over an event
 * stamped with the engine's coarse clock; misses, puts, evictions and clears are always recorded with a precise time.
 * These methods may throw (a key whose {@code hashCode} or {@code toString} throws, say); {@link AuditingCache}, their
 * only caller, catches every fault and counts it through {@link #recordingFailed(Throwable)}, so none reaches the
 * application.
 */
public final class CacheRecorder {

    /**
     * The last miss of a thread outside annotated methods, so that the put that follows it in hand-written
     * cache-aside code is known as a load, not as a write-through.
     */
    private static final ThreadLocal<@Nullable Miss> LAST_MISS = new ThreadLocal<>();

    private final CacheAudit audit;

    private final TransactionProbe transactions;

    /**
     * A hit is sampled when a random {@code int} falls below this: {@code Integer.MIN_VALUE} plus the sample rate's share
     * of the 2<sup>32</sup> values. One comparison per hit, where a bounded draw would cost a division.
     */
    private final int hitSampleThreshold;

    private final boolean sampleAllHits;

    private final @Nullable Thread verifier;

    private final @Nullable Loaders loaders;

    private final @Nullable SpringVerificationBackend verification;

    private final EntityIdentities entities;

    public CacheRecorder(CacheAudit audit, TransactionProbe transactions, double hitSampleRate) {
        this(audit, transactions, hitSampleRate, null, null);
    }

    /** A recorder that learns identifiers by annotation and convention only, with no configured id fields. */
    public CacheRecorder(
            CacheAudit audit,
            TransactionProbe transactions,
            double hitSampleRate,
            @Nullable Loaders loaders,
            @Nullable SpringVerificationBackend verification) {
        this(audit, transactions, hitSampleRate, loaders, verification, java.util.Map.of());
    }

    /**
     * @param audit where events go
     * @param transactions tells the transaction state
     * @param hitSampleRate the fraction of hits handed over as events
     * @param loaders where the calls that load entries are kept, when verification is on
     * @param verification the verifier's reads, when verification is on
     * @param idFields the field that identifies a cache's values, per cache name, where configured
     */
    public CacheRecorder(
            CacheAudit audit,
            TransactionProbe transactions,
            double hitSampleRate,
            @Nullable Loaders loaders,
            @Nullable SpringVerificationBackend verification,
            java.util.Map<String, String> idFields) {
        this.audit = audit;
        this.entities = new EntityIdentities(idFields);
        this.transactions = transactions;
        this.verifier = audit.verifierThread();
        this.loaders = loaders;
        this.verification = verification;
        this.sampleAllHits = hitSampleRate >= 1.0;
        this.hitSampleThreshold = sampleThreshold(hitSampleRate);
    }

    /**
     * Whether a miss needs the call that is loading (to re-make it when verifying): only with verification on. Otherwise
     * the annotated method's invocation is not kept at all, sparing every cached call a reference store.
     */
    boolean keepsCalls() {
        return loaders != null;
    }

    CacheCounters counters(String cache) {
        return audit.counters(cache);
    }

    /** The thread of the one probe running now (the Actuator endpoint's), transparent like the verifier's. */
    private volatile @Nullable Thread prober;

    /** Whether the current thread is the verifier's, its reader's or a probe's, for which audited caches are transparent. */
    boolean transparent() {
        if (verifier == null) {
            return false;
        }
        Thread current = Thread.currentThread();
        return current == verifier
                || current == prober
                || (verification != null && verification.reads().isReaderThread());
    }

    /**
     * Runs {@code action} with every audited cache transparent for this thread, as for the verifier: re-making a loading
     * call reads the source of truth. One at a time; only with verification on.
     */
    public synchronized <T> T transparently(java.util.function.Supplier<T> action) {
        prober = Thread.currentThread();
        try {
            return action.get();
        } finally {
            prober = null;
        }
    }

    void decorated(String cache, Cache store) {
        if (verification != null) {
            verification.register(cache, store);
        }
    }

    void registered(
            String cache,
            String backend,
            boolean transactionAware,
            CacheRegistered.KeyComparison comparison,
            long ttlMillis) {
        audit.submit(new CacheRegistered(cache, backend, transactionAware, comparison, ttlMillis, audit.nanoTime()));
    }

    /** Whether only some hits are handed over: then a Redis cache's reads are sampled on the wire as well. */
    boolean samplesHits() {
        return !sampleAllHits;
    }

    /** Whether the wire command of a read of an audited Redis cache is recorded: a draw at the hit sample rate. */
    boolean wireReadSampled() {
        return sampled();
    }

    void hit(String cache, CacheCounters counters, Object key) {
        counters.hit();
        if (!sampled()) {
            return;
        }
        Invocation invocation = Invocation.current();
        audit.submit(
                new CacheRead(cache, key, true, invocation != null ? invocation.site() : null, audit.coarseNanos()));
    }

    private boolean sampled() {
        return sampleAllHits || ThreadLocalRandom.current().nextInt() < hitSampleThreshold;
    }

    /** The {@link #hitSampleThreshold} of a sample rate: {@code Integer.MIN_VALUE} (never) at 0 or below. */
    static int sampleThreshold(double rate) {
        if (!(rate > 0.0)) {
            return Integer.MIN_VALUE;
        }
        double share = Math.min(rate, 1.0) * 0x1p32;
        return (int) Math.min((long) Integer.MIN_VALUE + Math.round(share), Integer.MAX_VALUE);
    }

    void miss(String cache, CacheCounters counters, Object key) {
        counters.miss();
        long now = audit.nanoTime();
        Invocation invocation = Invocation.current();
        String site = null;
        if (invocation != null) {
            invocation.loadStarted(now);
            site = invocation.site();
            Object call = invocation.call();
            if (loaders != null && call != null) {
                loaders.remember(cache, key, call);
            }
        } else {
            LAST_MISS.set(new Miss(cache, key, now));
        }
        audit.submit(new CacheRead(cache, key, false, site, now));
    }

    void put(String cache, CacheCounters counters, Object key, @Nullable Object value, boolean transactionAware) {
        counters.put();
        Invocation invocation = Invocation.current();
        long loadStart = invocation != null ? invocation.loadStartNanos() : programmaticLoadStart(cache, key);
        long now = audit.nanoTime();
        audit.submit(
                new CachePut(cache, key, site(invocation), loadStart, transactions.current(transactionAware), now));
        // Which entity the value holds is read now, while the value is the one stored: it may change afterwards.
        EntityHeld held = entities.held(cache, key, value, now);
        if (held != null) {
            audit.submit(held);
        }
    }

    void evict(String cache, CacheCounters counters, Object key, boolean transactionAware) {
        counters.eviction();
        audit.submit(new CacheEvict(
                cache, key, site(Invocation.current()), transactions.current(transactionAware), audit.nanoTime()));
    }

    void clear(String cache, CacheCounters counters, boolean transactionAware) {
        counters.clear();
        audit.submit(new CacheClear(
                cache, site(Invocation.current()), transactions.current(transactionAware), audit.nanoTime()));
    }

    void error(String cache, CacheCounters counters, String operation, @Nullable Object key, RuntimeException ex) {
        counters.error();
        audit.submit(new CacheError(
                cache, operation, key, ex.getClass().getName(), false, site(Invocation.current()), audit.nanoTime()));
    }

    /**
     * An eviction that Spring never attempted because its key expression gave {@code null}: no cache call happened,
     * so the failure is recorded with no key.
     */
    void evictionWithoutKey(String cache, RuntimeException ex) {
        audit.submit(new CacheError(
                cache, "evict", null, ex.getClass().getName(), false, site(Invocation.current()), audit.nanoTime()));
    }

    /** Counts a fault of the recording itself; the application's call goes on unchanged. */
    void recordingFailed(Throwable ex) {
        audit.recordingFailed("a cache operation", ex);
    }

    private static long programmaticLoadStart(String cache, Object key) {
        Miss miss = LAST_MISS.get();
        if (miss == null) {
            return 0;
        }
        LAST_MISS.remove();
        return miss.cache.equals(cache) && (miss.key == key || miss.key.equals(key)) ? miss.nanos : 0;
    }

    private record Miss(String cache, Object key, long nanos) {}

    private static String site(@Nullable Invocation invocation) {
        return invocation != null ? invocation.site() : CallSites.firstApplicationFrame();
    }
}
