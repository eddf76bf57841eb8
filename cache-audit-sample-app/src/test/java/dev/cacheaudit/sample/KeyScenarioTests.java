package dev.cacheaudit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.sample.customer.CustomerCaches;
import dev.cacheaudit.testsupport.RequiresRedis;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key scenarios whose keys name one entity in two ways ({@code key-attribute}, {@code key-case},
 * {@code key-login}), each with its bug switched on in a demo run of its own on the local Redis: the finding is a
 * confirmed {@code KEY_MISMATCH} on the scenario's cache that says how the keys differ, and the traffic saw stale
 * answers. Their fixes stay silent in {@link FixedServiceTests}.
 */
@RequiresRedis
class KeyScenarioTests {

    private static final String SCENARIO = "dev.cacheaudit.sample.scenario.";

    @TempDir
    static Path directory;

    private static final Map<String, DemoRun> runs = new HashMap<>();

    @Test
    void renameEvictingByIdWhileTheTillReadsByPhoneIsAKeyMismatchByAttribute() {
        assertThat(keyMismatch("key-attribute", CustomerCaches.CUSTOMERS_BY_PHONE))
                .satisfies(f -> {
                    assertThat(f.message()).startsWith("reads key 'customersByPhone' by phone, evictions by id");
                    assertThat(f.evidence())
                            .containsEntry("readAttribute", "phone")
                            .containsEntry("writeAttribute", "id");
                    assertThat(f.sites()).contains(SCENARIO + "IdEvictingCustomers#rename(CustomerDto,String)");
                });
    }

    @Test
    void renameEvictingTheStoredAddressWhileSignInsCacheItAsTypedIsAKeyMismatchByLetterCase() {
        assertThat(keyMismatch("key-case", CustomerCaches.CUSTOMERS_BY_EMAIL)).satisfies(f -> {
            assertThat(f.evidence()).containsEntry("differences", "letter case");
            assertThat(f.message()).contains("letter case");
            assertThat(f.sites()).contains(SCENARIO + "TypedEmailSignIns#rename(CustomerDto,String)");
        });
    }

    @Test
    void renameEvictingTheLoginAsRegisteredWhileReadsLowerCaseItIsAKeyMismatchByLetterCase() {
        assertThat(keyMismatch("key-login", CustomerCaches.CUSTOMERS_BY_LOGIN)).satisfies(f -> {
            assertThat(f.evidence()).containsEntry("differences", "letter case");
            assertThat(f.sites()).contains(SCENARIO + "AsRegisteredLoginEvictions#rename(CustomerDto,String)");
        });
    }

    @Test
    void eachKeyBugLeavesStaleAnswersInTheDemoTraffic() {
        for (String bug : List.of("key-attribute", "key-case", "key-login")) {
            assertThat(run(bug).output()).as(bug).containsPattern("Traffic: .*, [1-9]\\d* stale answers");
        }
    }

    /** The one confirmed KEY_MISMATCH of the run on the cache; no other key finding there. */
    private static Finding keyMismatch(String bug, String cache) {
        DemoRun run = run(bug);
        assertThat(run.exitCode()).isZero();
        List<Finding> found = run.findings().stream()
                .filter(f -> f.cache().equals(cache) && f.kind() == FindingKind.KEY_MISMATCH)
                .toList();
        assertThat(found)
                .as("KEY_MISMATCH findings of %s on %s: %s", bug, cache, run.findings())
                .hasSize(1);
        assertThat(found.get(0).status()).isEqualTo("confirmed");
        return found.get(0);
    }

    private static DemoRun run(String bug) {
        return runs.computeIfAbsent(bug, id -> DemoRun.of(id, directory.resolve(id + ".json")));
    }
}
