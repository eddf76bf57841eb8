package dev.cacheaudit.autoconfigure.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cacheaudit.autoconfigure.support.TransactionProbe;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.EngineSettings;
import dev.cacheaudit.core.StateLimits;
import dev.cacheaudit.core.internal.engine.InternalErrors.Where;
import dev.cacheaudit.core.keys.KeyDecomposer;
import dev.cacheaudit.core.metrics.CacheAuditMetrics;
import dev.cacheaudit.core.metrics.MeterNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hibernate.LazyInitializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;
import org.springframework.cache.concurrent.ConcurrentMapCache;

/**
 * The cache decorator cannot break the host: whatever the host's keys throw, the caller gets exactly what an
 * unaudited cache gives; the futures of {@code retrieve} are the decorated cache's own; caches beyond
 * {@code limits.max-caches} are passed through unaudited and grow neither state nor meters.
 */
class AuditingCacheHostSafetyTests {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private CacheAudit audit;

    @AfterEach
    void close() {
        if (audit != null) {
            audit.close();
        }
    }

    private CacheAudit audit(int maxCaches) {
        StateLimits limits = new StateLimits(StateLimits.DEFAULTS.maxKeyBytes(), 256, maxCaches);
        audit = CacheAudit.builder()
                .withoutFindingLog()
                .engine(new EngineSettings(65_536, Duration.ofSeconds(1), limits, KeyDecomposer.NONE))
                .build()
                .start();
        return audit;
    }

    private AuditingCache audited(Cache target) {
        return new AuditingCache(target, new CacheRecorder(audit, TransactionProbe.NONE, 1.0));
    }

    /** A key of the host's that throws from the methods it is told to, an Error as readily as an exception. */
    static final class HostileKey {

        private final String id;

        private final Supplier<? extends Throwable> fault;

        private final boolean inToString;

        private final boolean inEquals;

        HostileKey(String id, Supplier<? extends Throwable> fault, boolean inToString, boolean inEquals) {
            this.id = id;
            this.fault = fault;
            this.inToString = inToString;
            this.inEquals = inEquals;
        }

        @Override
        public String toString() {
            return inToString ? sneaky(fault.get()) : "key-" + id;
        }

        @Override
        public boolean equals(Object other) {
            if (inEquals && other != this) {
                return sneaky(fault.get());
            }
            return other instanceof HostileKey key && key.id.equals(id);
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }

        @SuppressWarnings("unchecked")
        static <T extends Throwable, R> R sneaky(Throwable fault) throws T {
            throw (T) fault;
        }
    }

    /** A key that prints itself: its {@code toString} recurses until the stack overflows. */
    static final class CyclicKey {

        private final List<Object> parts = new ArrayList<>();

        private final String id;

        CyclicKey(String id) {
            this.id = id;
            parts.add(this);
        }

        @Override
        public String toString() {
            return "cyclic" + parts.stream().map(Object::toString).toList();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof CyclicKey key && key.id.equals(id);
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }
    }

    /** An error of the host's own making. */
    static final class HostError extends Error {
        HostError() {
            super("host error");
        }
    }

    private static List<Supplier<Object>> hostileKeys() {
        List<Supplier<? extends Throwable>> faults = List.of(
                () -> new IllegalStateException("boom"),
                () -> new AssertionError("assertion"),
                HostError::new,
                () -> new LazyInitializationException("could not initialize proxy - no Session"),
                () -> new NoClassDefFoundError("org/example/Missing"));
        List<Supplier<Object>> keys = new ArrayList<>();
        int n = 0;
        for (Supplier<? extends Throwable> fault : faults) {
            String toStringId = "t" + n;
            String equalsId = "e" + n;
            String bothId = "b" + n++;
            keys.add(() -> new HostileKey(toStringId, fault, true, false));
            keys.add(() -> new HostileKey(equalsId, fault, false, true));
            keys.add(() -> new HostileKey(bothId, fault, true, true));
        }
        keys.add(() -> new CyclicKey("cyclic"));
        return keys;
    }

    /** One step of traffic against a cache, and what the caller got from it: a value or an exception's type. */
    private static List<String> traffic(Cache cache, Supplier<Object> keys) {
        List<Function<Cache, Object>> steps = List.of(
                c -> c.get(keys.get()),
                c -> c.get(keys.get(), () -> "loaded"),
                c -> {
                    c.put(keys.get(), "put");
                    return "done";
                },
                c -> c.get(keys.get(), String.class),
                c -> c.putIfAbsent(keys.get(), "other"),
                c -> c.retrieve(keys.get()).join(),
                c -> c.retrieve(keys.get(), () -> CompletableFuture.completedFuture("async"))
                        .join(),
                c -> c.evictIfPresent(keys.get()),
                c -> {
                    c.evict(keys.get());
                    return "done";
                },
                c -> c.get(keys.get(), () -> {
                    throw new IllegalArgumentException("loader failed");
                }),
                c -> {
                    c.clear();
                    return "done";
                });
        List<String> outcomes = new ArrayList<>();
        for (Function<Cache, Object> step : steps) {
            try {
                Object value = step.apply(cache);
                outcomes.add(
                        value instanceof Cache.ValueWrapper wrapper
                                ? "wrapper:" + wrapper.get()
                                : String.valueOf(value));
            } catch (Throwable ex) {
                outcomes.add("threw " + ex.getClass().getName());
            }
        }
        return outcomes;
    }

    @Test
    void hostileKeysGiveTheCallerExactlyWhatAnUnauditedCacheGives() {
        audit(1000);
        AuditingCache cache = audited(new ConcurrentMapCache("audited"));
        ConcurrentMapCache plain = new ConcurrentMapCache("plain");

        for (Supplier<Object> keys : hostileKeys()) {
            assertThat(traffic(cache, keys)).isEqualTo(traffic(plain, keys));
        }
        assertThat(audit.awaitQuiescence(PATIENCE)).isTrue();

        assertThat(audit.engine().internalErrors()).isPositive();
        assertThat(audit.engine().errors().count(Where.ENGINE_THREAD)).isZero();
        // Auditing goes on: a well-behaved key right after is recorded.
        long misses = audit.counters("audited").misses();
        cache.get(42L);
        assertThat(audit.counters("audited").misses()).isEqualTo(misses + 1);
    }

    @Test
    void wellBehavedKeysGiveTheSameAnswersAndCountNoFault() {
        audit(1000);
        AuditingCache cache = audited(new ConcurrentMapCache("audited"));
        ConcurrentMapCache plain = new ConcurrentMapCache("plain");

        for (long id = 0; id < 20; id++) {
            long key = id;
            assertThat(traffic(cache, () -> key)).isEqualTo(traffic(plain, () -> key));
        }
        assertThat(audit.awaitQuiescence(PATIENCE)).isTrue();

        assertThat(audit.engine().internalErrors()).isZero();
    }

    @Test
    void aRecordingFaultOnTheCallersThreadIsCountedAndTheCallGoesOn() {
        audit(1000);
        AuditingCache cache = audited(new ConcurrentMapCache("audited"));
        // Hand-written cache-aside code: a miss, then a put of an equal key. The recorder compares the two keys to
        // know the put as a load, and this key's equals throws an Error there.
        HostileKey missed = new HostileKey("same", HostError::new, false, true);
        HostileKey stored = new HostileKey("same", HostError::new, false, true);

        assertThat(cache.get(missed)).isNull();
        cache.put(stored, "value");

        assertThat(cache.get(stored))
                .isNotNull()
                .extracting(Cache.ValueWrapper::get)
                .isEqualTo("value");
        assertThat(audit.engine().errors().count(Where.RECORDING)).isEqualTo(1);
        assertThat(audit.counters("audited").puts()).isEqualTo(1);
    }

    /** A cache whose futures the test controls. */
    static final class FutureCache extends ConcurrentMapCache {

        final CompletableFuture<Object> future = new CompletableFuture<>();

        FutureCache() {
            super("futures");
        }

        @Override
        public CompletableFuture<?> retrieve(Object key) {
            return future;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
            valueLoader.get();
            return (CompletableFuture<T>) future;
        }
    }

    @Test
    void retrieveHandsOutTheDecoratedCachesOwnFuture() {
        audit(1000);
        FutureCache target = new FutureCache();
        AuditingCache cache = audited(target);

        assertThat(cache.retrieve(1L)).isSameAs(target.future);
        assertThat(cache.retrieve(1L, () -> CompletableFuture.completedFuture("loaded")))
                .isSameAs(target.future);
    }

    @Test
    void cancellingTheFutureOfRetrieveCancelsTheDecoratedCachesFuture() {
        audit(1000);
        FutureCache target = new FutureCache();
        AuditingCache cache = audited(target);

        CompletableFuture<String> future = cache.retrieve(1L, () -> new CompletableFuture<>());
        future.cancel(true);

        assertThat(target.future).isCancelled();
        assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
    }

    @Test
    void aFailedRetrieveThrowsTheSameExceptionTypesAsAnUnauditedOne() {
        audit(1000);
        FutureCache target = new FutureCache();
        AuditingCache cache = audited(target);
        IllegalStateException failure = new IllegalStateException("store down");

        CompletableFuture<?> future = cache.retrieve(1L);
        target.future.completeExceptionally(failure);

        assertThatThrownBy(future::get)
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isSameAs(failure);
        assertThat(future.isCompletedExceptionally()).isTrue();
        assertThat(audit.counters("futures").misses()
                        + audit.counters("futures").hits())
                .isZero();
    }

    @Test
    void aCompletedRetrieveIsStillRecorded() {
        audit(1000);
        FutureCache target = new FutureCache();
        AuditingCache cache = audited(target);

        CompletableFuture<String> loaded = cache.retrieve(1L, () -> CompletableFuture.completedFuture("loaded"));
        target.future.complete("loaded");

        assertThat(loaded.join()).isEqualTo("loaded");
        assertThat(audit.counters("futures").misses()).isEqualTo(1);
        assertThat(audit.counters("futures").puts()).isEqualTo(1);
    }

    @Test
    void cachesBeyondTheCapAreServedUnauditedAndGrowNeitherStateNorMeters() {
        audit(3);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new CacheAuditMetrics(audit).bindTo(registry);
        List<AuditingCache> tenants = new ArrayList<>();
        for (int tenant = 0; tenant < 50; tenant++) {
            tenants.add(audited(new ConcurrentMapCache("tenant-" + tenant)));
        }
        for (AuditingCache tenant : tenants) {
            tenant.get(1L);
            tenant.put(1L, "one");
            assertThat(tenant.get(1L))
                    .isNotNull()
                    .extracting(Cache.ValueWrapper::get)
                    .isEqualTo("one");
            tenant.evict(1L);
        }
        assertThat(audit.awaitQuiescence(PATIENCE)).isTrue();

        assertThat(audit.caches().caches()).containsOnlyKeys("tenant-0", "tenant-1", "tenant-2");
        assertThat(audit.engine().state().profiles()).hasSizeLessThanOrEqualTo(3);
        assertThat(registry.getMeters().stream()
                        .map(meter -> meter.getId().getTag(MeterNames.TAG_CACHE))
                        .filter(Objects::nonNull)
                        .distinct())
                .hasSizeLessThanOrEqualTo(3);
        assertThat(registry.get(MeterNames.STATE_FORGOTTEN).functionCounter().count())
                .isEqualTo(47);
        assertThat(audit.counters("tenant-0").puts()).isEqualTo(1);
    }

    @Test
    void cachesWithinTheCapAreAllAudited() {
        audit(3);
        for (int tenant = 0; tenant < 3; tenant++) {
            AuditingCache cache = audited(new ConcurrentMapCache("tenant-" + tenant));
            cache.get(1L);
        }
        assertThat(audit.awaitQuiescence(PATIENCE)).isTrue();

        assertThat(audit.caches().caches()).hasSize(3).allSatisfy((name, counters) -> assertThat(counters.misses())
                .isEqualTo(1));
        assertThat(audit.caches().overflowed()).isZero();
    }
}
