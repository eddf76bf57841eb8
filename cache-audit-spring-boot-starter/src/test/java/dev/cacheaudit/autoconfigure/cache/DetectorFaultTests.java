package dev.cacheaudit.autoconfigure.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.support.TransactionProbe;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.detect.Detector;
import dev.cacheaudit.core.event.CacheError;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.internal.engine.InternalErrors.Where;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;
import org.springframework.cache.concurrent.ConcurrentMapCache;

/**
 * Fault: a detector that throws on every event, an {@code Error} included. The callers of the audited cache get what
 * the callers of an unaudited one get, each failure is counted where it happened, the other detectors still report,
 * and once the detector stops failing nothing more is counted.
 */
class DetectorFaultTests {

    private final AtomicBoolean failing = new AtomicBoolean(true);

    private CacheAudit audit;

    @AfterEach
    void close() {
        if (audit != null) {
            audit.close();
        }
    }

    @Test
    void aThrowingDetectorChangesNothingForTheHostAndIsCounted() {
        Detector broken = (event, state, findings) -> {
            if (failing.get()) {
                throw new AssertionError("detector bug");
            }
        };
        audit = CacheAudit.builder()
                .withoutFindingLog()
                .detector(broken)
                .build()
                .start();
        Cache audited = new AuditingCache(
                new ConcurrentMapCache("users"), new CacheRecorder(audit, TransactionProbe.NONE, 1.0));
        Cache plain = new ConcurrentMapCache("users");

        assertThat(traffic(audited)).isEqualTo(traffic(plain));
        audit.submit(new CacheError(
                "users", "evict", 1L, "java.lang.IllegalStateException", true, "S#m", System.nanoTime()));
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(10))).isTrue();

        long processed = audit.engine().processedEvents();
        assertThat(audit.engine().errors().count(Where.DETECTOR)).isEqualTo(processed);
        assertThat(audit.findings().findings())
                .anySatisfy(f -> assertThat(f.kind()).isEqualTo(FindingKind.EVICTION_FAILED));

        failing.set(false);
        assertThat(traffic(audited)).isEqualTo(traffic(plain));
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        assertThat(audit.engine().processedEvents()).isGreaterThan(processed);
        assertThat(audit.engine().errors().count(Where.DETECTOR)).isEqualTo(processed);
        assertThat(audit.engine().errors().count(Where.ENGINE_THREAD)).isZero();
    }

    private static List<String> traffic(Cache cache) {
        List<String> outcomes = new ArrayList<>();
        for (long id = 0; id < 20; id++) {
            outcomes.add(String.valueOf(cache.get(id)));
            cache.put(id, "user-" + id);
            Cache.ValueWrapper hit = cache.get(id);
            outcomes.add(hit != null ? String.valueOf(hit.get()) : "miss");
            outcomes.add(cache.get(id, () -> "loaded"));
            cache.evict(id);
            outcomes.add(cache.get(id, () -> "reloaded"));
        }
        return outcomes;
    }
}
