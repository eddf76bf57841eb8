package dev.cacheaudit.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.testsupport.RedisServer;
import dev.cacheaudit.testsupport.RequiresRedis;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Redis fault: the application connects as an ACL user that may read and write but not run {@code DEL} or
 * {@code UNLINK}. Every eviction fails; a logging error handler swallows the failures, so the application never
 * notices — cache-audit reports {@code EVICTION_FAILED}, from the error handler and, for asynchronous evictions, from
 * the refused command on the wire.
 */
@RequiresRedis
class RedisEvictionFailureTests {

    private static final String USER = "cache-audit-it-" + UUID.randomUUID();

    private static final String PASSWORD = UUID.randomUUID().toString();

    private static final String PREFIX = "itest-" + UUID.randomUUID() + ":";

    private static RedisServer.HostAndPort redis;

    private static ConfigurableApplicationContext context;

    private static CacheAudit audit;

    @BeforeAll
    static void start() {
        redis = RedisServer.require();
        admin(redis -> redis.aclSetuser(
                USER,
                AclSetuserArgs.Builder.on()
                        .addPassword(PASSWORD)
                        .allKeys()
                        .allChannels()
                        .allCommands()
                        .removeCommand(CommandType.DEL)
                        .removeCommand(CommandType.UNLINK)));
        context = EvictionTwinsApp.run(
                redis, PREFIX, "spring.data.redis.username=" + USER, "spring.data.redis.password=" + PASSWORD);
        audit = context.getBean(CacheAudit.class);
        EvictionTwinsApp.readAndEvictThreeUsers(context);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (failures().isEmpty() && System.nanoTime() < deadline) {
            audit.awaitQuiescence(Duration.ofMillis(200));
        }
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        if (redis != null) {
            admin(redis -> {
                redis.aclDeluser(USER);
                List<String> keys = redis.keys(PREFIX + "*");
                if (!keys.isEmpty()) {
                    redis.del(keys.toArray(String[]::new));
                }
            });
        }
    }

    @Test
    void refusedEvictionIsReportedAsEvictionFailedAlthoughTheApplicationSawNothing() {
        assertThat(failures()).isNotEmpty().allSatisfy(f -> {
            assertThat(f.cache()).isEqualTo("users");
            assertThat(f.severity().name()).isEqualTo("ERROR");
        });
        assertThat(failures()).anySatisfy(f -> assertThat(f.message()).containsAnyOf("swallowed", "NOPERM"));
    }

    @Test
    void theApplicationKeptWorkingThroughTheFailures() {
        assertThat(context.getBean(EvictionTwinsApp.Users.class).find(1L)).isEqualTo("user-1");
    }

    private static List<Finding> failures() {
        return audit.findings().findings().stream()
                .filter(f -> f.kind() == FindingKind.EVICTION_FAILED)
                .toList();
    }

    private static void admin(java.util.function.Consumer<RedisCommands<String, String>> commands) {
        RedisClient client = RedisClient.create(RedisURI.create(redis.host(), redis.port()));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            commands.accept(connection.sync());
        } finally {
            client.shutdown();
        }
    }
}
