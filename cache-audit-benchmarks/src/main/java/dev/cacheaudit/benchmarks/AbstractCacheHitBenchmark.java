package dev.cacheaudit.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every cache-hit benchmark shares: one Boot application per trial, closed after it. Defaults follow DESIGN §5
 * (several forks, at least ten warm-up iterations); run.sh passes the same values explicitly.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
        value = 3,
        jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 8, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public abstract class AbstractCacheHitBenchmark {

    protected CachedApplication application;

    @TearDown(Level.Trial)
    public void stop() {
        CachedApplication running = application;
        if (running != null) {
            try {
                running.verifyAfterMeasurement();
            } finally {
                running.close();
            }
        }
    }
}
