package dev.cacheaudit.autoconfigure.cache;

import dev.cacheaudit.autoconfigure.testsupport.OwnRedisServer;
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
