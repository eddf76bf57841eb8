package dev.cacheaudit.benchmarks;

import dev.cacheaudit.core.CacheAudit;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A soak run, by hand and not in CI: mixed cache traffic on Redis with verification on, for a while, at a steady
 * rate; once a minute, from the second minute on, the heap retained after a full GC, the engine's backlog, drops and
 * internal faults. Prints one line a minute and a verdict: retained heap between minute 2 and the end within ±10 %,
 * no event dropped, no internal fault, the backlog bounded.
 *
 * <p>Arguments (system properties): {@code soak.minutes} (10), {@code soak.rate} (operations per second, 2500),
 * {@code soak.threads} (2), {@code soak.keys} (distinct ids, 200 000).
 */
public final class Soak {

    private Soak() {}

    public static void main(String[] args) throws Exception {
        int minutes = Integer.getInteger("soak.minutes", 10);
        int rate = Integer.getInteger("soak.rate", 2500);
        int threads = Integer.getInteger("soak.threads", 2);
        int keys = Integer.getInteger("soak.keys", 200_000);
        RedisProbe.requireReachable();
        Map<String, Object> properties = new HashMap<>(Backend.REDIS.properties());
        properties.put("spring.main.web-application-type", "none");
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        properties.put("spring.cache.cache-names", CachedApplication.CACHE);
        // Entries expire, so that the run leaves nothing behind in the shared Redis.
        properties.put("spring.cache.redis.time-to-live", "2m");
        properties.put("cache-audit.verification.enabled", "true");
        properties.put("cache-audit.verification.sample-rate", "0.05");
        properties.put("cache-audit.verification.max-per-second", "50");
        properties.put("cache-audit.recording.hit-sample-rate", "0.05");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchmarkApplication.class)
                .properties(properties)
                .run()) {
            CacheAudit audit = context.getBean(CacheAudit.class);
            ItemService items = context.getBean(ItemService.class);
            Cache cache = context.getBean(CacheManager.class).getCache(CachedApplication.CACHE);
            LongAdder operations = new LongAdder();
            AtomicBoolean running = new AtomicBoolean(true);
            long intervalNanos = TimeUnit.SECONDS.toNanos(1) * threads / rate;
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> traffic(items, cache, keys, intervalNanos, running, operations));
                worker.setDaemon(true);
                worker.start();
                workers.add(worker);
            }
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long start = System.nanoTime();
            long maxQueued = 0;
            long heapAtTwo = -1;
            long heap = -1;
            long lastOps = 0;
            for (int second = 1; second <= minutes * 60; second++) {
                LockSupport.parkNanos(start + TimeUnit.SECONDS.toNanos(second) - System.nanoTime());
                maxQueued = Math.max(maxQueued, audit.engine().queued());
                if (second % 60 == 0) {
                    heap = retainedHeap(memory);
                    if (second == 120) {
                        heapAtTwo = heap;
                    }
                    long ops = operations.sum();
                    System.out.printf(
                            "minute %2d: %6d ops/s, retained heap %6.1f MiB, queued max %6d, dropped %d,"
                                    + " internal errors %d, verifications %s%n",
                            second / 60,
                            (ops - lastOps) / 60,
                            heap / 1048576.0,
                            maxQueued,
                            audit.engine().droppedEvents(),
                            audit.engine().internalErrors(),
                            audit.verificationStats() != null
                                    ? audit.verificationStats().caches()
                                    : "off");
                    lastOps = ops;
                }
            }
            running.set(false);
            for (Thread worker : workers) {
                worker.join(TimeUnit.SECONDS.toMillis(5));
            }
            double seconds = Duration.ofNanos(System.nanoTime() - start).toMillis() / 1000.0;
            double change = heapAtTwo > 0 ? 100.0 * (heap - heapAtTwo) / heapAtTwo : Double.NaN;
            boolean heapOk = heapAtTwo > 0 && Math.abs(change) <= 10;
            boolean ok = heapOk
                    && audit.engine().droppedEvents() == 0
                    && audit.engine().internalErrors() == 0
                    && maxQueued < audit.engine().queueCapacity() / 10;
            System.out.printf(
                    "soak: %.0f ops/s over %.0f s; retained heap minute 2 -> end %+.1f %%; dropped %d; internal"
                            + " errors %d; queued max %d of %d: %s%n",
                    operations.sum() / seconds,
                    seconds,
                    change,
                    audit.engine().droppedEvents(),
                    audit.engine().internalErrors(),
                    maxQueued,
                    audit.engine().queueCapacity(),
                    ok ? "PASS" : "FAIL");
            if (!ok) {
                System.exit(1);
            }
        }
    }

    /** Mixed traffic at a steady pace: mostly reads, some evictions and puts, over a wide key space. */
    private static void traffic(
            ItemService items, Cache cache, int keys, long intervalNanos, AtomicBoolean running, LongAdder operations) {
        long next = System.nanoTime();
        while (running.get()) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long id = random.nextInt(keys);
            int roll = random.nextInt(100);
            if (roll < 80) {
                items.find(id);
            } else if (roll < 95) {
                cache.evict(id);
            } else {
                cache.put(id, new Item(id, "item-" + id, 100 + id + random.nextInt(3)));
            }
            operations.increment();
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    private static long retainedHeap(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
