package dev.cacheaudit.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.testsupport.RedisServer;
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
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.cache.interceptor.LoggingCacheErrorHandler;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A real Redis fault: the application connects as an ACL user that may read and write but not run {@code DEL} or
 * {@code UNLINK}. Every eviction fails; a logging error handler swallows the failures, so the application never
 * notices — cache-audit reports {@code EVICTION_FAILED}, from the error handler and, for asynchronous evictions, from
 * the refused command on the wire.
 */
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
        context = TestApps.run(
                App.class,
                "spring.cache.type=redis",
                "spring.cache.redis.key-prefix=" + PREFIX,
                "spring.data.redis.host=" + redis.host(),
                "spring.data.redis.port=" + redis.port(),
                "spring.data.redis.username=" + USER,
                "spring.data.redis.password=" + PASSWORD);
        audit = context.getBean(CacheAudit.class);
        Users users = context.getBean(Users.class);
        for (long id = 1; id <= 3; id++) {
            users.find(id);
            users.rename(id);
        }
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
        assertThat(context.getBean(Users.class).find(1L)).isEqualTo("user-1");
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

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableCaching
    static class App implements CachingConfigurer {

        @Override
        public CacheErrorHandler errorHandler() {
            return new LoggingCacheErrorHandler();
        }

        @Bean
        Users users() {
            return new Users();
        }
    }

    static class Users {

        @Cacheable(cacheNames = "users", key = "#id")
        public String find(Long id) {
            return "user-" + id;
        }

        @CacheEvict(cacheNames = "users", key = "#id")
        public void rename(Long id) {}
    }
}
