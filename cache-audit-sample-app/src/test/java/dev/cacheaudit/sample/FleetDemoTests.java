package dev.cacheaudit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.testsupport.RequiresRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole fixed demo on two instances ({@code --demo --sample.instances=2}): the traffic spread over both, each
 * instance's local caches invalidated on the other through the application's broadcast, and not one finding on either
 * instance.
 */
@RequiresRedis
class FleetDemoTests {

    @TempDir
    static Path directory;

    private static DemoRun run;

    @BeforeAll
    static void runTheFixedDemoOnTwoInstances() {
        run = DemoRun.of("", directory.resolve("report.json"), "--sample.instances=2");
    }

    @Test
    void fixedDemoOnTwoInstancesFindsNothingOnEither() {
        assertThat(run.exitCode()).isZero();
        assertThat(run.findings()).isEmpty();
        assertThat(run.output()).contains("no findings").contains(" 0 stale answers");
    }

    @Test
    void bothInstancesServedTrafficAndEvictedTheirLocalCopies() {
        // The seller evicts its own copy and the broadcast the other's: evictions on both, so the check had work.
        assertThat(run.output())
                .containsPattern("#0 +shelfStock +map +(\\d+ +){4}[1-9]")
                .containsPattern("#1 +shelfStock +map +(\\d+ +){4}[1-9]")
                .containsPattern("#0 +users +redis +[1-9]")
                .containsPattern("#1 +products +redis +[1-9]");
    }

    @Test
    void eachInstanceWritesItsReportBesideTheFirst() throws Exception {
        assertThat(Files.readString(directory.resolve("report.json"))).contains("\"name\" : \"shelfStock\"");
        assertThat(Files.readString(directory.resolve("report-1.json"))).contains("\"name\" : \"shelfStock\"");
    }
}
