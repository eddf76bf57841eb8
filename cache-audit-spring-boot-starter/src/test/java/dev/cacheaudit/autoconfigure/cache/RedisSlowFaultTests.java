package dev.cacheaudit.autoconfigure.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Fault: Redis is slowed to a halt ({@code DEBUG SLEEP}: the server answers nothing for a few seconds, as under a
 * long-running script or a blocking save). The callers of the audited cache time out exactly as the callers of an
 * unaudited one do, each failure is counted, and auditing goes on once Redis answers again.
 */
class RedisSlowFaultTests extends AbstractRedisFaultTests {

    private static final Duration SLEEP = Duration.ofSeconds(6);

    @Test
    void slowRedisTimesOutTheAuditedCacheExactlyLikeAnUnauditedOneAndIsCounted() throws Exception {
        RedisFaultRig.Outcomes before = rig.traffic(0, 5);
        assertThat(before.audited()).isEqualTo(before.plain()).noneMatch(o -> o.startsWith("threw"));

        long sleepEnds = System.nanoTime() + SLEEP.toNanos();
        Thread sleeper =
                redis.commandInBackground(SLEEP.plusSeconds(5), "DEBUG", "SLEEP", String.valueOf(SLEEP.toSeconds()));
        // DEBUG SLEEP blocks the whole server: wait until it no longer answers before sending traffic.
        long blockedBy = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (redis.answers() && System.nanoTime() - blockedBy < 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(
                    Duration.ofMillis(10).toNanos());
        }
        RedisFaultRig.Outcomes slow = rig.trafficUntil(sleepEnds, 100);

        assertThat(slow.audited()).isNotEmpty().isEqualTo(slow.plain()).allMatch(o -> o.startsWith("threw"));
        sleeper.join(SLEEP.plusSeconds(5).toMillis());
        assertEachFailureCountedOnceAndAuditingGoesOn(slow);
    }
}
