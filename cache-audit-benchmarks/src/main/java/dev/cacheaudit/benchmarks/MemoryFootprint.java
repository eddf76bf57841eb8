package dev.cacheaudit.benchmarks;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.EngineSettings;
import dev.cacheaudit.core.StateLimits;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.CacheRead;
import dev.cacheaudit.core.event.TxState;
import dev.cacheaudit.core.keys.KeyDecomposer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;

/**
 * The memory bar of DESIGN §5: ten million distinct keys leave the auditor's retained heap under its cap. Feeds a
 * miss and a put for each of N distinct keys (default 10 000 000) through a real engine with the default 64 MiB
 * budget, then measures the heap retained after a full GC against the heap retained before the auditor existed.
 *
 * <p>Run: {@code java -Xmx1g -cp target/benchmarks.jar dev.cacheaudit.benchmarks.MemoryFootprint [keys]}
 */
public final class MemoryFootprint {

    private static final long CAP_BYTES = 64L * 1024 * 1024;

    private MemoryFootprint() {}

    public static void main(String[] args) throws InterruptedException {
        long keys = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = retained(memory);
        // The starter gives the per-key history 70 % of cache-audit.limits.max-heap (64 MiB by default).
        EngineSettings settings = new EngineSettings(
                65_536, Duration.ofSeconds(1), new StateLimits(CAP_BYTES * 7 / 10, 256, 1000), KeyDecomposer.NONE);
        long started = System.nanoTime();
        long dropped;
        try (CacheAudit audit = CacheAudit.builder()
                .engine(settings)
                .withoutFindingLog()
                .build()
                .start()) {
            for (long i = 0; i < keys; i++) {
                String key = "user:" + i;
                long now = System.nanoTime();
                while (!audit.submit(new CacheRead("users", key, false, "Bench#find(String)", now))) {
                    Thread.onSpinWait();
                }
                while (!audit.submit(new CachePut("users", key, "Bench#find(String)", now, TxState.NONE, now))) {
                    Thread.onSpinWait();
                }
            }
            audit.awaitQuiescence(Duration.ofMinutes(5));
            Thread.sleep(1500);
            long after = retained(memory);
            dropped = audit.engine().droppedEvents();
            long auditor = after - before;
            System.out.printf(
                    "keys=%d seconds=%.1f tracked=%d estimated=%.1f MiB forgotten=%d retained=%.1f MiB cap=%d MiB"
                            + " -> %s (retries on a full queue, not drops: %d dropped)%n",
                    keys,
                    (System.nanoTime() - started) / 1e9,
                    audit.engine().state().trackedKeys(),
                    audit.engine().trackedKeyBytes() / 1048576.0,
                    audit.engine().forgotten(),
                    auditor / 1048576.0,
                    CAP_BYTES / 1048576,
                    auditor <= CAP_BYTES ? "PASS" : "MISS",
                    dropped);
        }
    }

    private static long retained(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
