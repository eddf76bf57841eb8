package dev.cacheaudit.autoconfigure.fleet;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * The auditor's clock and ticker, for a fleet made before the auditor: the fleet's detectors go into the auditor's
 * builder, so the fleet exists first, and the auditor is bound once it exists, before the fleet starts. Nothing reads
 * the fleet's time before it starts (it is inert until connected). An application without exactly one auditor (none,
 * or several of its own) runs the fleet on the system's time, the auditor's default.
 */
final class AuditTime extends Clock implements Ticker {

    private volatile @Nullable CacheAudit audit;

    void bind(@Nullable CacheAudit audit) {
        this.audit = audit;
    }

    @Override
    public long nanoTime() {
        CacheAudit bound = audit;
        return bound != null ? bound.nanoTime() : System.nanoTime();
    }

    @Override
    public Instant instant() {
        CacheAudit bound = audit;
        return bound != null ? bound.clock().instant() : Instant.now();
    }

    @Override
    public long millis() {
        CacheAudit bound = audit;
        return bound != null ? bound.clock().millis() : System.currentTimeMillis();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the auditor's clock is in UTC");
    }
}
