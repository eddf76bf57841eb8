package dev.cacheaudit.autoconfigure.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.event.CacheError;
import dev.cacheaudit.core.event.RedisCommand;
import dev.cacheaudit.core.internal.engine.InternalErrors.Where;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Fault: Redis stops in the middle of traffic ({@code SHUTDOWN NOSAVE}) and starts again, empty. The callers of the
 * audited cache get exactly what the callers of an unaudited one get — values while it is up, the same exception
 * types while it is down — every failure is counted, and auditing resumes once Redis is back.
 */
class RedisRestartFaultTests extends AbstractRedisFaultTests {

    @Test
    void redisStoppedAndRestartedMidTrafficChangesNothingForTheHostAndIsCounted() throws Exception {
        RedisFaultRig.Outcomes before = rig.traffic(0, 10);
        assertThat(before.audited()).isEqualTo(before.plain()).noneMatch(o -> o.startsWith("threw"));

        redis.shutdownNoSave();
        RedisFaultRig.Outcomes down = rig.traffic(10, 12);
        assertThat(down.audited()).isEqualTo(down.plain()).allMatch(o -> o.startsWith("threw"));
        assertThat(rig.audit.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        long failures = rig.audit.counters(RedisFaultRig.CACHE).errors();
        assertThat(failures).isEqualTo(down.audited().size());
        assertThat(rig.recorded.events(CacheError.class)).hasSize((int) failures);

        redis.restart();
        rig.awaitRedis(Duration.ofSeconds(20));
        rig.recorded.clear();
        long missesBefore = rig.audit.counters(RedisFaultRig.CACHE).misses();
        RedisFaultRig.Outcomes after = rig.traffic(0, 10);
        assertThat(after.audited()).isEqualTo(after.plain()).noneMatch(o -> o.startsWith("threw"));
        assertThat(rig.audit.awaitQuiescence(Duration.ofSeconds(10))).isTrue();

        // Auditing resumed: every miss of the new traffic is counted, and Redis commands are recorded again.
        assertThat(rig.audit.counters(RedisFaultRig.CACHE).misses() - missesBefore)
                .isEqualTo(20);
        assertThat(rig.audit.counters(RedisFaultRig.CACHE).errors()).isEqualTo(failures);
        assertThat(rig.recorded.events(RedisCommand.class).filter(c -> !c.failed()))
                .isNotEmpty();
        assertThat(rig.audit.engine().errors().count(Where.ENGINE_THREAD)).isZero();
    }

    @Test
    void withRedisUpTheAuditedAndUnauditedCachesAnswerAlikeAndNothingFails() {
        RedisFaultRig.Outcomes outcomes = rig.traffic(0, 20);

        assertThat(outcomes.audited()).isEqualTo(outcomes.plain()).noneMatch(o -> o.startsWith("threw"));
        assertThat(rig.audit.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        assertThat(rig.audit.counters(RedisFaultRig.CACHE).errors()).isZero();
        assertThat(rig.audit.engine().internalErrors()).isZero();
    }
}
