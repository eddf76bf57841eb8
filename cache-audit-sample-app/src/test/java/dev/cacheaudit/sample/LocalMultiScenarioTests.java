package dev.cacheaudit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.testsupport.RequiresRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario {@code local-multi} in the demo: {@code --demo --sample.bugs=local-multi} starts the second instance itself
 * and reports {@code CROSS_INSTANCE_STALE} on the instance that kept its copy; the fixed demo on two instances
 * ({@code --sample.instances=2}) reports nothing, with the broadcast seen on the other instance.
 */
@RequiresRedis
class LocalMultiScenarioTests {

    private static final String SCENARIO = "dev.cacheaudit.sample.scenario.";

    @TempDir
    static Path directory;

    private static DemoRun buggy;

    @BeforeAll
    static void runTheBuggyDemo() {
        buggy = DemoRun.of("local-multi", directory.resolve("local-multi.json"));
    }

    @Test
    void saleOnOneInstanceLeavesTheOtherServingTheOldStockAsCrossInstanceStale() {
        assertThat(buggy.exitCode()).isZero();
        assertThat(buggy.findings())
                .filteredOn(f -> f.kind() == FindingKind.CROSS_INSTANCE_STALE)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.cache()).isEqualTo(CacheNames.SHELF_STOCK);
                    assertThat(f.sites()).containsExactly(SCENARIO + "LocallyEvictingTill#sell(long)");
                    assertThat(f.evidence()).containsEntry("entity", "dev.cacheaudit.sample.item.Item");
                    assertThat(f.evidence().get("writerInstance"))
                            .isNotEqualTo(f.evidence().get("staleInstance"));
                    assertThat(f.status()).isEqualTo("confirmed");
                });
    }

    @Test
    void demoNamesTheInstanceOfEachFindingAndLeavesTheStaleAnswersInItsTraffic() {
        assertThat(buggy.output())
                .containsPattern("Traffic: .*, [1-9]\\d* stale answers")
                .contains("shelf stock of item")
                .containsPattern("#[01] +CROSS_INSTANCE_STALE +ERROR +shelfStock ")
                .containsPattern("instance +cache +backend");
    }

    @Test
    void eachInstanceWritesItsOwnReport() throws Exception {
        String first = Files.readString(directory.resolve("local-multi.json"));
        String second = Files.readString(directory.resolve("local-multi-1.json"));
        assertThat(List.of(first, second))
                .allSatisfy(report -> assertThat(report).contains("\"name\" : \"shelfStock\""))
                .filteredOn(report -> report.contains("\"kind\" : \"CROSS_INSTANCE_STALE\""))
                .hasSize(1);
    }
}
