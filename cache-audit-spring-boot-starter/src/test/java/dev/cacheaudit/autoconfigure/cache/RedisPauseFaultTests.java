package dev.cacheaudit.autoconfigure.cache;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertEachFailureCountedOnceAndAuditingGoesOn(paused);
    }
}
