package dev.cacheaudit.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Threads;

/**
 * The same hit as {@link InMemoryCacheHitBenchmark} and {@link RedisCacheHitBenchmark}, with cache-audit taken apart
 * (see {@link Auditing}) to show what each piece costs. Not part of run.sh; run it by hand, for example
 * {@code -p backend=REDIS -p auditing=OFF,FULL,FULL_NO_REDIS_LISTENER}.
 */
public class OverheadBreakdownBenchmark extends AbstractCacheHitBenchmark {

    @Param({"MEMORY"})
    public Backend backend;

    @Param({"OFF", "MANAGER_PROXY_ONLY", "DECORATOR_ONLY", "ADVISOR_ONLY", "FULL_NO_HIT_EVENTS", "FULL"})
    public Auditing auditing;

    @Setup(Level.Trial)
    public void start() {
        application = CachedApplication.start(backend, auditing);
    }

    @Benchmark
    @Threads(1)
    public Item hit(KeyCursor keys) {
        return application.service().find(keys.next());
    }
}
