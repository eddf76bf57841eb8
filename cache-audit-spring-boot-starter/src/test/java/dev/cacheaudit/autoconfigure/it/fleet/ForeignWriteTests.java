package dev.cacheaudit.autoconfigure.it.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * FOREIGN_WRITE through keyspace notifications, on a Redis server of its own (the test turns notifications on with
 * CONFIG SET, which must never touch the shared server): another client deleting {@code user:42} next to the
 * application's {@code users::42} is reported; writes under the application's own form and unrelated keys are not.
 */
class ForeignWriteTests {

    private static Process server;

    private static int port;

    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void start() throws IOException {
        Path redisServer = Path.of("/usr/bin/redis-server");
        Assumptions.assumeTrue(
                Files.isExecutable(redisServer),
                "redis-server is not installed: skipping the keyspace notification test, which needs a Redis of its"
                        + " own to CONFIG SET");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = new ProcessBuilder(
                        redisServer.toString(), "--port", String.valueOf(port), "--save", "", "--appendonly", "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        await(() -> reachable(port), Duration.ofSeconds(10));
        context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties(
                        "spring.main.banner-mode=off",
                        "spring.jmx.enabled=false",
                        "spring.cache.type=redis",
                        "spring.data.redis.port=" + port,
                        "spring.datasource.url=jdbc:h2:mem:foreign-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                        "cache-audit.recording.hit-sample-rate=1.0",
                        "cache-audit.fleet.keyspace-events=auto")
                .run();
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        if (server != null) {
            server.destroy();
        }
    }

    @Test
    void deletesOfANearKeyByAnotherClientAreReportedAndTheApplicationsOwnFormIsNot() {
        Users users = context.getBean(Users.class);
        users.find(42L);
        users.find(43L);
        CacheAudit audit = context.getBean(CacheAudit.class);
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> other = connection.sync();
            // The fleet connects, turns notifications on and subscribes on its own thread after start-up.
            dev.cacheaudit.core.fleet.Fleet fleet = context.getBean(
                            dev.cacheaudit.autoconfigure.fleet.FleetMembership.class)
                    .fleet();
            await(() -> fleet.connected(), Duration.ofSeconds(10));
            assertThat(other.configGet("notify-keyspace-events").get("notify-keyspace-events"))
                    .as("auto turned the needed notification classes on")
                    .contains("E", "g", "$");
            // Wait for the application's own puts to be on the wire before anything foreign happens.
            await(() -> other.exists("users::42", "users::43") == 2, Duration.ofSeconds(5));
            // Redis only notifies deletes that removed something: the other service's keys exist.
            other.mset(java.util.Map.of("user:42", "x", "user:43", "x"));
            other.del("user:42");
            other.del("user:43");
            other.del("users::43");
            other.set("session:abc", "x");
        } finally {
            client.shutdown();
        }

        await(() -> foreign(audit).stream().mapToLong(Finding::count).sum() >= 4, Duration.ofSeconds(10));
        List<Finding> found = foreign(audit);
        // MSET notifies 'set' per key; the two deletes are one finding seen twice.
        assertThat(found).extracting(f -> f.evidence().get("command")).containsExactlyInAnyOrder("del", "set");
        assertThat(found).allSatisfy(f -> {
            assertThat(f.cache()).isEqualTo("users");
            assertThat(f.evidence())
                    .containsEntry("foreignForm", "user:{n}")
                    .containsEntry("applicationForm", "users::{n}");
        });
        assertThat(found.stream().filter(f -> "del".equals(f.evidence().get("command"))))
                .singleElement()
                .satisfies(f -> assertThat(f.count()).isEqualTo(2));
    }

    private static List<Finding> foreign(CacheAudit audit) {
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(2)))
                .as("events analysed")
                .isTrue();
        return audit.findings().findings().stream()
                .filter(f -> f.kind() == FindingKind.FOREIGN_WRITE)
                .toList();
    }

    private static boolean reachable(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    static class Users {

        @Cacheable("users")
        public String find(Long id) {
            return "user-" + id;
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableCaching
    static class App {

        @Bean
        Users users() {
            return new Users();
        }
    }
}
