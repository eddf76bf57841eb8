package dev.cacheaudit.core;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for work on the audit's own threads: the verifier reads and rechecks on its thread, and a check that a moved
 * clock made due runs on its next wake-up. Time in the audit moves only as the test moves it; this waits in real time,
 * bounded, for the threads to catch up.
 */
public final class AuditPolling {

    private AuditPolling() {}

    /** Polls until the engine is quiescent and {@code condition} holds; {@code false} when {@code patience} ran out. */
    public static boolean until(CacheAudit audit, Duration patience, BooleanSupplier condition) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (audit.awaitQuiescence(Duration.ofMillis(200)) && condition.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
        return false;
    }
}
