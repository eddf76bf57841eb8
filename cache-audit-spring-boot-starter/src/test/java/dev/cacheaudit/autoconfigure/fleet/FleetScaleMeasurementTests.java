package dev.cacheaudit.autoconfigure.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.StateLimits;
import dev.cacheaudit.core.Ticker;
import dev.cacheaudit.core.event.DeclaredOperations;
import dev.cacheaudit.core.event.SourceWrite;
import dev.cacheaudit.core.event.TxState;
import dev.cacheaudit.core.fleet.Fleet;
import dev.cacheaudit.core.fleet.FleetSettings;
import dev.cacheaudit.core.internal.state.AuditState;
import dev.cacheaudit.core.keys.KeyDecomposer;
import dev.cacheaudit.core.keys.KeyRedactor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * What a fleet costs Redis: N members in one JVM on a Redis of their own, each offered writes above the per-second
 * cap for a few seconds; prints the messages per instance and Redis' CPU and memory (with the peak of the client
 * buffers, where pub/sub messages wait for slow subscribers). Runs only with
 * {@code -Dfleet.measure=true} (docs/fleet.md gives the command and the numbers).
 */
class FleetScaleMeasurementTests {

    private static final Logger logger = LoggerFactory.getLogger(FleetScaleMeasurementTests.class);

    private static final String ITEM = "com.acme.Item";

    @ParameterizedTest
    @ValueSource(ints = {2, 8})
    void fleetStaysWithinItsCapAndReportsWhatRedisSpends(int instances) throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("fleet.measure"), "measurement runs with -Dfleet.measure=true");
        Path redisServer = Path.of("/usr/bin/redis-server");
        Assumptions.assumeTrue(Files.isExecutable(redisServer), "redis-server is not installed");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process server = new ProcessBuilder(
                        redisServer.toString(), "--port", String.valueOf(port), "--save", "", "--appendonly", "no")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true)
                .start();
        List<LettuceConnectionFactory> factories = new ArrayList<>();
        List<Fleet> fleets = new ArrayList<>();
        List<RedisFleetTransport> transports = new ArrayList<>();
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        try {
            await(port);
            int cap = 200;
            int offeredPerSecond = 250;
            Duration run = Duration.ofSeconds(5);
            for (int i = 0; i < instances; i++) {
                LettuceConnectionFactory factory =
                        new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
                factory.afterPropertiesSet();
                factory.start();
                factories.add(factory);
                Fleet[] holder = new Fleet[1];
                RedisFleetTransport transport = new RedisFleetTransport(
                        factory, "measure:app", () -> "", "measure:app:key", null, p -> holder[0].receive(p), null);
                Fleet fleet = new Fleet(
                        "i" + i,
                        transport,
                        new FleetSettings(cap, Duration.ofSeconds(5), Duration.ofSeconds(2), 100_000),
                        new KeyRedactor(KeyRedactor.Mode.SHAPE),
                        // A measurement of messages per second of real time.
                        Clock.systemUTC(),
                        Ticker.system());
                holder[0] = fleet;
                transports.add(transport);
                fleets.add(fleet.start());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (fleets.stream().anyMatch(f -> !f.connected()) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            try (StatefulRedisConnection<String, String> info = client.connect()) {
                Map<String, String> before = info(info.sync().info());
                List<AuditState> states = new ArrayList<>();
                for (int i = 0; i < instances; i++) {
                    AuditState state = new AuditState(StateLimits.DEFAULTS, KeyDecomposer.NONE);
                    state.apply(new DeclaredOperations(
                            List.of(), List.of(new DeclaredOperations.Holding("items", ITEM, "return-type")), 0));
                    states.add(state);
                }
                long start = System.nanoTime();
                long sent = 0;
                long nextSample = start;
                long peakMemory = 0;
                long peakClients = 0;
                long peakOutputBuffer = 0;
                while (System.nanoTime() - start < run.toNanos()) {
                    if (System.nanoTime() >= nextSample) {
                        // Pub/sub keeps nothing, but a slow subscriber's undelivered messages wait in its output
                        // buffer on the server: sampled during the run, when they are there.
                        Map<String, String> memory = info(info.sync().info("memory"));
                        peakMemory = Math.max(peakMemory, (long) number(memory, "used_memory"));
                        peakClients = Math.max(peakClients, (long) number(memory, "mem_clients_normal"));
                        peakOutputBuffer = Math.max(
                                peakOutputBuffer,
                                largestOutputBuffer(info.sync().clientList()));
                        nextSample += TimeUnit.MILLISECONDS.toNanos(100);
                    }
                    long due = (System.nanoTime() - start) * offeredPerSecond / 1_000_000_000L;
                    for (; sent < due; sent++) {
                        for (int i = 0; i < instances; i++) {
                            SourceWrite write = new SourceWrite(
                                    ITEM,
                                    sent,
                                    SourceWrite.Kind.SAVE,
                                    "Measure#write()",
                                    TxState.NONE,
                                    System.nanoTime());
                            states.get(i).apply(write);
                            fleets.get(i).detector().on(write, states.get(i), o -> {});
                        }
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
                Map<String, String> after = info(info.sync().info());
                double seconds = run.toMillis() / 1000.0;
                double cpu = (number(after, "used_cpu_sys") + number(after, "used_cpu_user"))
                        - (number(before, "used_cpu_sys") + number(before, "used_cpu_user"));
                long published =
                        fleets.stream().mapToLong(f -> f.stats().published()).sum();
                long received =
                        fleets.stream().mapToLong(f -> f.stats().received()).sum();
                long dropped =
                        fleets.stream().mapToLong(f -> f.stats().dropped()).sum();
                String summary = String.format(
                        java.util.Locale.ROOT,
                        "fleet of %d: offered %d/s per instance, published %.0f/s per instance, received %.0f/s per"
                                + " instance, dropped %.0f/s per instance; Redis CPU %.1f%% of one core, commands"
                                + " %.0f/s, used_memory %s -> %s bytes (peak %d during the run), client buffers peak %d"
                                + " bytes (mem_clients_normal), largest subscriber output buffer %d bytes",
                        instances,
                        offeredPerSecond,
                        published / seconds / instances,
                        received / seconds / instances,
                        dropped / seconds / instances,
                        100 * cpu / seconds,
                        (number(after, "total_commands_processed") - number(before, "total_commands_processed"))
                                / seconds,
                        before.get("used_memory"),
                        after.get("used_memory"),
                        peakMemory,
                        peakClients,
                        peakOutputBuffer);
                logger.info(summary);
                Files.writeString(
                        Path.of("target", "fleet-scale-" + instances + ".txt"), summary + System.lineSeparator());
                assertThat(published / seconds / instances).isLessThanOrEqualTo(cap * 1.25);
                assertThat(received).isPositive();
                assertThat(dropped).isPositive();
            }
        } finally {
            fleets.forEach(Fleet::close);
            transports.forEach(RedisFleetTransport::close);
            factories.forEach(LettuceConnectionFactory::destroy);
            client.shutdown();
            server.destroy();
        }
    }

    private static Map<String, String> info(String info) {
        return info.lines()
                .filter(line -> line.contains(":") && !line.startsWith("#"))
                .collect(Collectors.toMap(
                        line -> line.substring(0, line.indexOf(':')),
                        line -> line.substring(line.indexOf(':') + 1).trim(),
                        (a, b) -> a));
    }

    /** The largest output buffer ({@code omem}) of any client in a {@code CLIENT LIST} answer. */
    private static long largestOutputBuffer(String clients) {
        long largest = 0;
        for (String client : clients.split("\\R")) {
            for (String field : client.split(" ")) {
                if (field.startsWith("omem=")) {
                    largest = Math.max(largest, Long.parseLong(field.substring("omem=".length())));
                }
            }
        }
        return largest;
    }

    private static double number(Map<String, String> info, String name) {
        return Double.parseDouble(info.getOrDefault(name, "0"));
    }

    private static void await(int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException ex) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }
}
