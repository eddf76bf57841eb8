package dev.cacheaudit.autoconfigure.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.engine.InternalErrors.Where;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Fault: Redis pauses every client ({@code CLIENT PAUSE ... ALL}) for a few seconds. While it lasts the callers of the
 * audited cache time out exactly as the callers of an unaudited one do, each failure is counted, and once the pause
 * is over both caches answer alike again and auditing goes on.
 */
class RedisPauseFaultTests extends AbstractRedisFaultTests {

    private static final Duration PAUSE = Duration.ofSeconds(6);

    @Test
    void pausedRedisTimesOutTheAuditedCacheExactlyLikeAnUnauditedOneAndIsCounted() throws Exception {
        RedisFaultRig.Outcomes before = rig.traffic(0, 5);
        assertThat(before.audited()).isEqualTo(before.plain()).noneMatch(o -> o.startsWith("threw"));

        long pauseEnds = System.nanoTime() + PAUSE.toNanos();
        assertThat(redis.command(Duration.ofSeconds(2), "CLIENT", "PAUSE", String.valueOf(PAUSE.toMillis()), "ALL"))
                .isEqualTo("OK");
        RedisFaultRig.Outcomes paused = rig.trafficUntil(pauseEnds, 100);

        assertThat(paused.audited()).isNotEmpty().isEqualTo(paused.plain()).allMatch(o -> o.startsWith("threw"));
        rig.awaitRedis(Duration.ofSeconds(20));
        assertThat(rig.audit.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        long failures = rig.audit.counters(RedisFaultRig.CACHE).errors();
        assertThat(failures).isEqualTo(paused.audited().size());

        long missesBefore = rig.audit.counters(RedisFaultRig.CACHE).misses();
        RedisFaultRig.Outcomes after = rig.traffic(200, 205);
        assertThat(after.audited()).isEqualTo(after.plain()).noneMatch(o -> o.startsWith("threw"));
        assertThat(rig.audit.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        assertThat(rig.audit.counters(RedisFaultRig.CACHE).misses() - missesBefore)
                .isEqualTo(10);
        assertThat(rig.audit.counters(RedisFaultRig.CACHE).errors()).isEqualTo(failures);
        assertThat(rig.audit.engine().errors().count(Where.ENGINE_THREAD)).isZero();
    }
}
