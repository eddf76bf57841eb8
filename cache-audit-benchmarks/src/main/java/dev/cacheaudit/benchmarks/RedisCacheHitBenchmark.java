package dev.cacheaudit.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Threads;

/**
 * A {@code @Cacheable(key = "#id")} hit on a {@code RedisCacheManager} against 127.0.0.1:6379, with cache-audit off
 * and on in the same run. Targets (DESIGN §5, issue #13): audited at most 1.03× unaudited and at most 200 B added per
 * call. When Redis is down the trial fails in set-up with a message saying so, and the other benchmarks go on.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RedisCacheHitBenchmark extends AbstractCacheHitBenchmark {

    @Param({"false", "true"})
    public boolean audited;

    @Setup(Level.Trial)
    public void start() {
        application = CachedApplication.start(Backend.REDIS, audited ? Auditing.FULL : Auditing.OFF);
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
