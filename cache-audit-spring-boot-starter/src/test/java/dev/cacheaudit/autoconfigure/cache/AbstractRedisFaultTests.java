package dev.cacheaudit.autoconfigure.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.testsupport.OwnRedisServer;
import dev.cacheaudit.core.internal.engine.InternalErrors.Where;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fault test's Redis: a server of the test's own, so that the fault (a pause, a stop, a refused command) hurts no
 * other test, and a {@link RedisFaultRig} on it; both started before each test and closed after it.
 */
abstract class AbstractRedisFaultTests {

    OwnRedisServer redis;

    RedisFaultRig rig;

    @BeforeEach
    void startRedisAndRig() throws Exception {
        redis = OwnRedisServer.start();
        rig = rigOn(redis);
    }

    /** The rig the test drives; a test whose fault needs the server set up first (a user, say) does that here. */
    RedisFaultRig rigOn(OwnRedisServer server) throws Exception {
        return new RedisFaultRig(server, null, null);
    }

    /**
     * Once Redis answers again after a fault that failed every call of {@code during}: each failure was counted once,
     * and new traffic is audited as before — each of its misses counted, no failure added, the engine thread unharmed.
     */
    void assertEachFailureCountedOnceAndAuditingGoesOn(RedisFaultRig.Outcomes during) {
        rig.awaitRedis(Duration.ofSeconds(20));
        assertThat(rig.audit.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        long failures = rig.audit.counters(RedisFaultRig.CACHE).errors();
        assertThat(failures).isEqualTo(during.audited().size());

        long missesBefore = rig.audit.counters(RedisFaultRig.CACHE).misses();
        RedisFaultRig.Outcomes after = rig.traffic(200, 205);
        assertThat(after.audited()).isEqualTo(after.plain()).noneMatch(o -> o.startsWith("threw"));
        assertThat(rig.audit.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        assertThat(rig.audit.counters(RedisFaultRig.CACHE).misses() - missesBefore)
                .isEqualTo(10);
        assertThat(rig.audit.counters(RedisFaultRig.CACHE).errors()).isEqualTo(failures);
        assertThat(rig.audit.engine().errors().count(Where.ENGINE_THREAD)).isZero();
    }

    @AfterEach
    void closeRigAndRedis() {
        if (rig != null) {
            rig.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
