package dev.cacheaudit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.testsupport.RequiresRedis;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario {@code jdbc-bypass} twice in one JVM. The second run is warm: its traffic reaches the import through
 * {@code JdbcTemplate.batchUpdate} well within the coverage window after the start-up seeding saved the items through
 * the repository, which once hid the import as a flush of the seeding and left its stale reads to a false
 * {@code FOREIGN_WRITE}.
 */
@RequiresRedis
class JdbcBypassScenarioTests {

    private static final String IMPORT = "dev.cacheaudit.sample.scenario.JdbcPriceImport#importPrices(Map)";

    @TempDir
    static Path directory;

    @Test
    void batchImportIsTheCauseOfTheStaleItemsInAColdAndAWarmRun() {
        for (int run = 0; run < 2; run++) {
            DemoRun demo = DemoRun.of("jdbc-bypass", directory.resolve("run-" + run + ".json"));
            List<Finding> findings = demo.findings();
            assertThat(findings)
                    .as("run %d%n%s", run, demo.output())
                    .filteredOn(
                            f -> f.kind() == FindingKind.STALE_READ && f.cache().equals(CacheNames.ITEMS))
                    .isNotEmpty()
                    .allSatisfy(f -> {
                        assertThat(f.cause().lastWrite().site()).isEqualTo(IMPORT);
                        assertThat(f.cause().lastWrite().what()).isEqualTo("table items");
                        assertThat(f.sites()).contains(IMPORT);
                    });
            assertThat(findings)
                    .as("run %d", run)
                    .noneMatch(f -> f.kind() == FindingKind.FOREIGN_WRITE)
                    .anySatisfy(f -> {
                        assertThat(f.kind()).isEqualTo(FindingKind.UNCOVERED_WRITE);
                        assertThat(f.sites()).containsExactly(IMPORT);
                    });
        }
    }
}
