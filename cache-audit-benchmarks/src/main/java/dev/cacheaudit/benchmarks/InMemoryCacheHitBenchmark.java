package dev.cacheaudit.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Threads;

/**
 * A {@code @Cacheable(key = "#id")} hit on a {@code ConcurrentMapCacheManager}, through the Spring proxy, with
 * cache-audit off and on in the same run. Target (issue #13, tighter than DESIGN §5's 1.15×): audited at most 1.05×
 * unaudited.
 */
public class InMemoryCacheHitBenchmark extends AbstractCacheHitBenchmark {

    @Param({"false", "true"})
    public boolean audited;

    @Setup(Level.Trial)
    public void start() {
        application = CachedApplication.start(Backend.MEMORY, audited ? Auditing.FULL : Auditing.OFF);
    }

    @Benchmark
    @Threads(1)
    public Item hit(KeyCursor keys) {
        return application.service().find(keys.next());
    }

    @Benchmark
    @Threads(2)
    public Item hitTwoThreads(KeyCursor keys) {
        return application.service().find(keys.next());
    }
}
