package dev.cacheaudit.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.testsupport.RecordingDetector;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.RedisCommand;
import dev.cacheaudit.core.keys.RedisKeys;
import dev.cacheaudit.testsupport.RedisServer;
import dev.cacheaudit.testsupport.RequiresRedis;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The {@code GET}s an audited Redis cache sends are sampled on the wire like its hits: with no hit sampled, a hit's
 * {@code GET} is left out, while the cache's misses and every read the application sends by hand are still recorded.
 */
@RequiresRedis
class RedisWireReadSamplingTests {

    private static final String PREFIX = "itest-" + UUID.randomUUID() + ":";

    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void start() {
        RedisServer.HostAndPort redis = RedisServer.require();
        context = TestApps.run(
                RedisRecordingTests.App.class,
                "spring.cache.type=redis",
                "spring.cache.redis.key-prefix=" + PREFIX,
                "spring.data.redis.host=" + redis.host(),
                "spring.data.redis.port=" + redis.port(),
                "cache-audit.recording.hit-sample-rate=0");
    }

    @AfterAll
    static void stop() {
        TestApps.closeDeletingRedisKeys(context, PREFIX);
    }

    @Test
    void hitsOfTheCacheAreLeftOffTheWireWhileItsMissesAndHandWrittenReadsAreRecorded() {
        RedisRecordingTests.Users users = context.getBean(RedisRecordingTests.Users.class);
        StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
        RecordingDetector recorded = context.getBean(RecordingDetector.class);
        CacheAudit audit = context.getBean(CacheAudit.class);
        users.find(50L);
        awaitCommands(recorded, audit, "SET", PREFIX + "users::50", 1);
        for (int i = 0; i < 5; i++) {
            users.find(50L);
        }
        users.find(51L);
        String handWritten = PREFIX + "tokens:7";
        for (int i = 0; i < 3; i++) {
            redis.opsForValue().get(handWritten);
        }
        // Replies on one connection complete in order: once the hand-written reads are recorded, so is all before them.
        awaitCommands(recorded, audit, "GET", handWritten, 3);

        assertThat(audit.counters("users").hits()).isEqualTo(5);
        assertThat(keys(recorded, "GET", PREFIX + "users::50"))
                .as("the miss only")
                .hasSize(1);
        assertThat(keys(recorded, "GET", PREFIX + "users::51"))
                .as("a later miss")
                .hasSize(1);
        assertThat(keys(recorded, "GET", handWritten)).hasSize(3);
    }

    private static List<String> keys(RecordingDetector recorded, String command, String key) {
        return recorded.events(RedisCommand.class)
                .filter(c -> c.command().equals(command) && c.key() != null)
                .map(c -> RedisKeys.print(c.key()))
                .filter(key::equals)
                .toList();
    }

    /** Commands complete on Lettuce's threads after the call returned: wait for them, boundedly. */
    private static void awaitCommands(
            RecordingDetector recorded, CacheAudit audit, String command, String key, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (keys(recorded, command, key).size() < count && System.nanoTime() < deadline) {
            audit.awaitQuiescence(Duration.ofMillis(100));
        }
        assertThat(keys(recorded, command, key)).hasSizeGreaterThanOrEqualTo(count);
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();
    }
}
