package dev.cacheaudit.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.testsupport.RecordingDetector;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.CacheEvict;
import dev.cacheaudit.core.event.CacheRead;
import dev.cacheaudit.core.event.RedisCommand;
import dev.cacheaudit.core.keys.RedisKeys;
import dev.cacheaudit.testsupport.RedisServer;
import dev.cacheaudit.testsupport.RequiresRedis;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Recording on a real Redis through Boot's own Redis cache configuration: the keys recorded by the cache decorator
 * are Spring's keys, and the keys recorded by the Lettuce listener are the exact Redis keys ({@code users::42}),
 * including evictions that Spring Data Redis 4 sends asynchronously as {@code UNLINK}.
 */
@RequiresRedis
class RedisRecordingTests {

    private static final String PREFIX = "itest-" + UUID.randomUUID() + ":";

    private static ConfigurableApplicationContext context;

    private static Users users;

    private static RecordingDetector recorded;

    private static CacheAudit audit;

    @BeforeAll
    static void start() {
        RedisServer.HostAndPort redis = RedisServer.require();
        context = TestApps.run(
                App.class,
                "spring.cache.type=redis",
                "spring.cache.redis.key-prefix=" + PREFIX,
                "spring.data.redis.host=" + redis.host(),
                "spring.data.redis.port=" + redis.port(),
                "cache-audit.recording.hit-sample-rate=1.0");
        users = context.getBean(Users.class);
        recorded = context.getBean(RecordingDetector.class);
        audit = context.getBean(CacheAudit.class);
    }

    @AfterAll
    static void stop() {
        TestApps.closeDeletingRedisKeys(context, PREFIX);
    }

    @BeforeEach
    void forget() {
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();
        recorded.clear();
    }

    @Test
    void readsRecordSpringsKeyAndTheRedisKeyItBecomesOnTheWire() {
        users.find(42L);
        // Spring Data Redis 4 sends the put without waiting for it: the second read hits once the SET completed.
        awaitCommands("SET", 1);
        users.find(42L);
        awaitCommands("GET", 2);

        List<CacheRead> reads = recorded.events(CacheRead.class).toList();
        assertThat(reads).extracting(CacheRead::hit).containsExactly(false, true);
        assertThat(reads).allSatisfy(read -> assertThat(read.key()).isEqualTo(42L));
        assertThat(commands("GET")).containsOnly(PREFIX + "users::42");
        assertThat(audit.backendOf("users")).isEqualTo("redis");
        assertThat(audit.counters("users").hits()).isPositive();
    }

    @Test
    void evictionIsSeenOnTheWireWithTheNumberOfKeysItRemoved() {
        users.find(43L);
        users.rename(43L);
        awaitDeletes(1);

        assertThat(recorded.events(CacheEvict.class).map(CacheEvict::key)).containsExactly(43L);
        RedisCommand delete = deletes().get(0);
        assertThat(delete.command()).isIn("DEL", "UNLINK");
        assertThat(RedisKeys.print(delete.key())).isEqualTo(PREFIX + "users::43");
        assertThat(delete.result()).isEqualTo(1);
        assertThat(delete.failed()).isFalse();
    }

    @Test
    void evictionOfAnAbsentKeyIsSeenToRemoveNothing() {
        users.rename(44L);
        awaitDeletes(1);

        assertThat(deletes().get(0).result()).isZero();
    }

    @Test
    void handWrittenHashCommandsAndGetdelAreRecordedWithTheirKind() {
        StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
        String cart = PREFIX + "carts::7";
        String token = PREFIX + "tokens::7";
        redis.opsForHash().putAll(cart, java.util.Map.of("a", "1", "b", "2"));
        redis.opsForHash().entries(cart);
        redis.opsForHash().multiGet(cart, List.of("a"));
        redis.opsForValue().set(token, "x");
        redis.opsForValue().getAndDelete(token);
        redis.opsForValue().getAndDelete(token);
        awaitCommands("GETDEL", 2);
        awaitCommands("HMGET", 1);

        assertThat(commands("HMSET")).containsExactly(cart);
        assertThat(commands("HGETALL")).containsExactly(cart);
        assertThat(commands("HMGET")).containsExactly(cart);
        List<RedisCommand> getdels = deletes().stream()
                .filter(c -> c.type() == RedisCommand.Type.GETDEL)
                .toList();
        assertThat(getdels).allSatisfy(c -> assertThat(c.type().kind()).isEqualTo(RedisCommand.Kind.DELETE));
        // The first removed the token, the second found none: the result counts removed keys, as DEL's does.
        assertThat(getdels).extracting(RedisCommand::result).containsExactly(1L, 0L);
        assertThat(recorded.events(RedisCommand.class).filter(c -> c.type() == RedisCommand.Type.HMSET))
                .allSatisfy(c -> assertThat(c.type().changesKey()).isTrue());
    }

    private List<String> commands(String command) {
        return recorded.events(RedisCommand.class)
                .filter(c -> c.command().equals(command) && c.key() != null)
                .map(c -> RedisKeys.print(c.key()))
                .filter(key -> key.startsWith(PREFIX))
                .toList();
    }

    private List<RedisCommand> deletes() {
        return recorded.events(RedisCommand.class)
                .filter(c -> c.type().deletes())
                .filter(c -> c.key() != null && RedisKeys.print(c.key()).startsWith(PREFIX))
                .toList();
    }

    /** Asynchronous commands complete on Lettuce's threads after the call returned: wait for them, boundedly. */
    private void awaitCommands(String command, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (commands(command).size() < count && System.nanoTime() < deadline) {
            audit.awaitQuiescence(Duration.ofMillis(100));
            Thread.onSpinWait();
        }
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();
    }

    private void awaitDeletes(int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (deletes().size() < count && System.nanoTime() < deadline) {
            audit.awaitQuiescence(Duration.ofMillis(100));
            Thread.onSpinWait();
        }
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();
        assertThat(deletes()).hasSizeGreaterThanOrEqualTo(count);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableCaching
    static class App {

        @Bean
        Users users() {
            return new Users();
        }

        @Bean
        RecordingDetector recordingDetector() {
            return new RecordingDetector();
        }
    }

    static class Users {

        @Cacheable(cacheNames = "users", key = "#id")
        public String find(Long id) {
            return "user-" + id;
        }

        @org.springframework.cache.annotation.CacheEvict(cacheNames = "users", key = "#id")
        public void rename(Long id) {}
    }
}
