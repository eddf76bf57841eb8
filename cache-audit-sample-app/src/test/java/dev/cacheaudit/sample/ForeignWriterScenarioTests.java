package dev.cacheaudit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario {@code foreign-writer} in the demo, on a Redis server of its own: the scenario turns keyspace notifications
 * on with {@code CONFIG SET}, which must never touch the shared server. A supplier's system outside the application
 * writes and deletes keys beside the shop's offers ({@code FOREIGN_WRITE}) and changes their rows behind the shop's back
 * (stale offers); its fix, evict-on-change, leaves the whole fixed demo silent with notifications on.
 */
class ForeignWriterScenarioTests {

    private static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");

    @TempDir
    static Path directory;

    private static Process server;

    private static int port;

    private static DemoRun buggy;

    private static DemoRun fixed;

    @BeforeAll
    static void runBothFormsOnARedisOfTheirOwn() throws IOException {
        Assumptions.assumeTrue(
                Files.isExecutable(REDIS_SERVER),
                "redis-server is not installed: the scenario needs a Redis of its own to turn keyspace notifications"
                        + " on");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = new ProcessBuilder(
                        REDIS_SERVER.toString(), "--port", String.valueOf(port), "--save", "", "--appendonly", "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!RedisProbe.reachable("127.0.0.1", port, RedisProbe.TIMEOUT) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        String redis = "--spring.data.redis.port=" + port;
        buggy = DemoRun.of("foreign-writer", directory.resolve("foreign-writer.json"), redis);
        fixed = DemoRun.of("", directory.resolve("fixed.json"), redis, "--cache-audit.fleet.keyspace-events=auto");
    }

    @AfterAll
    static void stopTheServer() {
        if (server != null) {
            server.destroy();
        }
    }

    @Test
    void supplierKeysBesideTheOffersAreForeignWritesOnTheirCache() {
        assertThat(buggy.exitCode()).isZero();
        assertThat(buggy.findings())
                .filteredOn(f -> f.kind() == FindingKind.FOREIGN_WRITE
                        && !"database".equals(f.evidence().get("source")))
                .isNotEmpty()
                .allSatisfy(f -> {
                    assertThat(f.cache()).isEqualTo(CacheNames.ITEM_OFFERS);
                    assertThat(f.evidence())
                            .containsEntry("foreignForm", "itemOffers::supplier:{n}")
                            .containsEntry("applicationForm", "itemOffers::{n}");
                })
                .extracting(f -> f.evidence().get("command"))
                .containsExactlyInAnyOrder("set", "del");
        assertThat(buggy.output()).containsPattern("FOREIGN_WRITE +WARN +itemOffers ");
    }

    @Test
    void rowsChangedOutsideTheApplicationAreReportedOnTheOffers() {
        assertRowsChangedOutsideTheApplicationAreReported(buggy.findings());
        assertThat(buggy.output()).containsPattern("Traffic: .*, [1-9]\\d* stale answers");
    }

    @Test
    void rowsTheSupplierChangedAreAForeignWriteOnTheDatabaseThatCausedTheStaleOffers() {
        assertThat(buggy.findings())
                .filteredOn(f -> f.kind() == FindingKind.FOREIGN_WRITE
                        && "database".equals(f.evidence().get("source")))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.cache()).isEqualTo(CacheNames.ITEM_OFFERS);
                    assertThat(f.message()).contains("changed outside this application");
                });
        assertThat(buggy.findings())
                .filteredOn(f -> f.kind() == FindingKind.STALE_READ && f.cache().equals(CacheNames.ITEM_OFFERS))
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.cause().causedBy()).isEqualTo("FOREIGN_WRITE"));
    }

    @Test
    void demoTurnedKeyspaceNotificationsOnForTheScenario() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().configGet("notify-keyspace-events").get("notify-keyspace-events"))
                    .contains("E", "g", "$");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void evictOnChangeLeavesTheFixedDemoSilentWithNotificationsOn() {
        assertThat(fixed.exitCode()).isZero();
        assertThat(fixed.findings()).isEmpty();
        // The offers were evicted on the supplier's notice and verified fresh afterwards: the checks had work.
        assertThat(fixed.output())
                .contains(" 0 stale answers")
                .containsPattern("itemOffers +redis +(\\d+ +){4}[1-9]\\d* +\\d+ +[1-9]\\d* fresh, 0 stale");
    }

    /**
     * The database side of the scenario: the rows the supplier changed are found stale on the offers, and no instance
     * of the application wrote them.
     */
    static void assertRowsChangedOutsideTheApplicationAreReported(List<Finding> findings) {
        assertThat(findings)
                .filteredOn(f -> f.kind() == FindingKind.STALE_READ && f.cache().equals(CacheNames.ITEM_OFFERS))
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.evidence()).containsEntry("differingFields", "price"));
    }
}
