package dev.cacheaudit.core.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.CacheCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CacheRegistryTests {

    @Test
    void eachCacheIsToldOnceAsItBecomesTracked() {
        List<String> heard = new ArrayList<>();
        CacheRegistry registry = new CacheRegistry(100, (name, counters) -> heard.add(name));
        CacheCounters users = registry.counters("users");

        registry.counters("orders");
        registry.counters("users");

        assertThat(heard).containsExactly("users", "orders");
        assertThat(registry.counters("users")).isSameAs(users);
        assertThat(registry.caches()).containsOnlyKeys("orders", "users");
        assertThat(registry.caches().keySet()).containsExactly("orders", "users");
    }

    @Test
    void backendsDefaultToUnknownAndRegisterTheCache() {
        CacheRegistry registry = new CacheRegistry();

        registry.backend("users", "caffeine");

        assertThat(registry.backendOf("users")).isEqualTo("caffeine");
        assertThat(registry.backendOf("orders")).isEqualTo("unknown");
        assertThat(registry.caches()).containsOnlyKeys("users");
    }

    @Test
    void countersAddUpAcrossThreads() throws Exception {
        CacheRegistry registry = new CacheRegistry();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 10_000; i++) {
                        CacheCounters c = registry.counters("users");
                        if (i % 2 == 0) {
                            c.hit();
                        } else {
                            c.miss();
                        }
                        c.put();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        CacheCounters counters = registry.counters("users");
        assertThat(counters.hits()).isEqualTo(20_000);
        assertThat(counters.misses()).isEqualTo(20_000);
        assertThat(counters.gets()).isEqualTo(40_000);
        assertThat(counters.puts()).isEqualTo(40_000);
        assertThat(counters.evictions()).isZero();
    }

    @Test
    void cachesBeyondTheCapAreUntrackedAndCounted() {
        List<String> heard = new ArrayList<>();
        CacheRegistry registry = new CacheRegistry(3, (name, counters) -> heard.add(name));

        for (int tenant = 0; tenant < 10; tenant++) {
            registry.counters("tenant-" + tenant).hit();
        }
        registry.backend("tenant-9", "redis");

        assertThat(registry.caches()).containsOnlyKeys("tenant-0", "tenant-1", "tenant-2");
        assertThat(heard).containsExactly("tenant-0", "tenant-1", "tenant-2");
        assertThat(registry.counters("tenant-5")).isSameAs(CacheCounters.UNTRACKED);
        assertThat(registry.counters("tenant-1")).isNotSameAs(CacheCounters.UNTRACKED);
        assertThat(registry.tracked("tenant-9")).isFalse();
        assertThat(registry.backendOf("tenant-9")).isEqualTo("unknown");
        assertThat(registry.overflowed()).isEqualTo(9);
    }

    @Test
    void cachesWithinTheCapAreAllTrackedAndNothingOverflows() {
        CacheRegistry registry = new CacheRegistry(3);

        for (int round = 0; round < 5; round++) {
            for (int tenant = 0; tenant < 3; tenant++) {
                registry.counters("tenant-" + tenant).hit();
            }
        }

        assertThat(registry.caches()).hasSize(3);
        assertThat(registry.caches().get("tenant-0").hits()).isEqualTo(5);
        assertThat(registry.overflowed()).isZero();
    }
}
