package dev.cacheaudit.test;

import static dev.cacheaudit.test.fixtures.PrefixedKeyDetector.KEY_MISMATCH_SIGNATURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Severity;
import dev.cacheaudit.core.report.AuditReport;
import dev.cacheaudit.core.report.ReportReader;
import dev.cacheaudit.test.fixtures.TestApp;
import dev.cacheaudit.test.fixtures.User;
import dev.cacheaudit.test.fixtures.UserRepository;
import dev.cacheaudit.test.fixtures.UserService;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cache.CacheManager;

/** Runs small Spring test classes through the JUnit Platform and checks which of their tests the extension fails. */
class CacheAuditExtensionTests {

    private static final String BUGGY = "renameWithPrefixedKey()";

    private static final String FIXED = "rename()";

    private static final String CLEAR_ALL = "renameAndClearAll()";

    @TempDir
    Path reports;

    @Test
    void testThatExercisesAKeyMismatchFailsWithKindCacheKeysSitesAndFix() {
        Map<String, TestExecutionResult> outcomes = run(Eviction.class);

        assertThat(outcomes.get(BUGGY).getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(failure(outcomes, BUGGY))
                .isInstanceOf(AssertionError.class)
                .extracting(Throwable::getMessage)
                .asString()
                .containsPattern("^\\d+ cache-audit findings? \\(severity >= ERROR, any kind\\) raised during "
                        + Pattern.quote(Eviction.class.getName() + "#renameWithPrefixedKey:\n"))
                .containsPattern("\\d\\. KEY_MISMATCH \\[ERROR\\] in cache 'users', seen 1 time\n")
                .contains("evictions use 'user:{id}' but reads use '{id}'")
                .contains("read key users::42  ->  write key users::user:42")
                .contains("sites:  " + UserService.class.getName() + "#find(Long)")
                .contains(UserService.class.getName() + "#renameWithPrefixedKey(Long,String)")
                .contains("fix:    " + FindingKind.KEY_MISMATCH.remediation())
                .contains("Reports: " + reports.toAbsolutePath().resolve("report.html"));
    }

    @Test
    void fixedTwinRunAfterTheBuggyTestInTheSameContextPasses() {
        Map<String, TestExecutionResult> outcomes = run(Eviction.class);

        assertThat(outcomes.get(FIXED).getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    @Test
    void reportJsonHoldsTheRunsFindingsWithTheTestThatRaisedThemAndTheCacheCounters() throws Exception {
        run(Eviction.class);

        AuditReport report;
        try (Reader in = Files.newBufferedReader(reports.resolve("report.json"), StandardCharsets.UTF_8)) {
            report = new ReportReader().read(in);
        }
        assertThat(report.findings())
                .filteredOn(f -> f.signature().equals(KEY_MISMATCH_SIGNATURE))
                .singleElement()
                .satisfies(finding -> {
                    assertThat(finding.kind()).isEqualTo(FindingKind.KEY_MISMATCH);
                    assertThat(finding.cache()).isEqualTo("users");
                    assertThat(finding.writeKey()).isEqualTo("users::user:42");
                    assertThat(finding.count()).isEqualTo(1);
                    assertThat(finding.evidence())
                            .containsEntry(RunReport.TESTS, Eviction.class.getName() + "#renameWithPrefixedKey");
                });
        assertThat(report.caches())
                .filteredOn(c -> c.name().equals("users"))
                .singleElement()
                .satisfies(users -> {
                    assertThat(users.backend()).isEqualTo("map");
                    assertThat(users.gets()).isGreaterThanOrEqualTo(4);
                    assertThat(users.evictions()).isGreaterThanOrEqualTo(2);
                });
    }

    @Test
    void reportHtmlIsWrittenNextToTheJson() throws Exception {
        run(Eviction.class);

        assertThat(Files.readString(reports.resolve("report.html"), StandardCharsets.UTF_8))
                .contains("<code>KEY_MISMATCH</code>", "<code>users::user:42</code>", "<code>users</code>");
    }

    @Test
    void warnFindingDoesNotFailByDefaultButIsReported() throws Exception {
        Map<String, TestExecutionResult> outcomes = run(FullClear.class);

        assertThat(outcomes.get(CLEAR_ALL).getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(readReport().findings()).extracting(Finding::kind).contains(FindingKind.FULL_CLEAR);
    }

    @Test
    void warnFindingFailsWhenFailSeverityParameterIsWarn() {
        Map<String, TestExecutionResult> outcomes = run(FullClear.class, CacheAuditExtension.FAIL_SEVERITY, "warn");

        assertThat(failure(outcomes, CLEAR_ALL))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("(severity >= WARN, any kind)")
                .hasMessageContaining("FULL_CLEAR [WARN] in cache 'users'");
    }

    @Test
    void warnFindingFailsWhenTheAnnotationSaysWarn() {
        Map<String, TestExecutionResult> outcomes = run(StrictFullClear.class);

        assertThat(failure(outcomes, CLEAR_ALL))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("FULL_CLEAR [WARN] in cache 'users'");
    }

    @Test
    void onlyTheConfiguredKindsFail() {
        Map<String, TestExecutionResult> outcomes = run(OnlyFullClears.class);

        assertThat(outcomes.get(BUGGY).getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(failure(outcomes, CLEAR_ALL))
                .hasMessageContaining("(severity >= WARN, FULL_CLEAR)")
                .hasMessageNotContaining("KEY_MISMATCH");
    }

    @Test
    void failKindsParameterOverridesTheAnnotation() {
        Map<String, TestExecutionResult> outcomes =
                run(Eviction.class, CacheAuditExtension.FAIL_KINDS, "FULL_CLEAR, STAMPEDE");

        assertThat(outcomes.get(BUGGY).getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    @Test
    void failOnFindingsFalseOnlyWritesTheReports() throws Exception {
        Map<String, TestExecutionResult> outcomes = run(Eviction.class, CacheAuditExtension.FAIL_ON_FINDINGS, "false");

        assertThat(outcomes.values())
                .extracting(TestExecutionResult::getStatus)
                .containsOnly(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(readReport().findingsAtLeast(Severity.ERROR))
                .extracting(Finding::signature)
                .contains(KEY_MISMATCH_SIGNATURE);
    }

    @Test
    void invalidParameterFailsTheTestWithTheAllowedValues() {
        Map<String, TestExecutionResult> outcomes = run(Eviction.class, CacheAuditExtension.FAIL_SEVERITY, "SEVERE");

        assertThat(failure(outcomes, FIXED))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("cache-audit.junit.fail-severity must be one of [INFO, WARN, ERROR], was 'SEVERE'");
    }

    @Test
    void findingsOfNestedTestClassesFailThemToo() {
        Map<String, TestExecutionResult> outcomes = run(WithNested.class);

        assertThat(failure(outcomes, BUGGY)).hasMessageContaining("KEY_MISMATCH [ERROR]");
    }

    @Test
    void annotationWithoutASpringContextFailsAndSaysWhatIsMissing() {
        Map<String, TestExecutionResult> outcomes = run(NoSpring.class);

        assertThat(failure(outcomes, "plain()"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("@CacheAuditTest on " + NoSpring.class.getName())
                .hasMessageContaining("needs a Spring test context: add @SpringBootTest");
    }

    @Test
    void annotationOnAContextWithoutCacheAuditFailsAndSaysWhy() {
        Map<String, TestExecutionResult> outcomes = run(AuditingDisabled.class);

        assertThat(failure(outcomes, "plain()"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("found no single CacheAudit bean")
                .hasMessageContaining("cache-audit.enabled");
    }

    @Test
    void extensionRegisteredWithoutTheAnnotationLeavesNonSpringTestsAlone() {
        Map<String, TestExecutionResult> outcomes = run(ExtensionOnly.class);

        assertThat(outcomes.get("plain()").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(reports.resolve("report.json")).doesNotExist();
    }

    private Map<String, TestExecutionResult> run(Class<?> testClass, String... parameters) {
        var kit = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(testClass))
                .configurationParameter(Scenario.ENABLED, "true")
                .configurationParameter(CacheAuditExtension.REPORT_DIR, reports.toString());
        for (int i = 0; i < parameters.length; i += 2) {
            kit.configurationParameter(parameters[i], parameters[i + 1]);
        }
        EngineExecutionResults results = kit.execute();
        Map<String, TestExecutionResult> outcomes = new LinkedHashMap<>();
        results.testEvents().finished().stream()
                .forEach(event -> outcomes.put(
                        event.getTestDescriptor().getDisplayName(),
                        event.getRequiredPayload(TestExecutionResult.class)));
        assertThat(outcomes).as("tests run in %s", testClass.getSimpleName()).isNotEmpty();
        return outcomes;
    }

    private static Throwable failure(Map<String, TestExecutionResult> outcomes, String test) {
        TestExecutionResult result = outcomes.get(test);
        assertThat(result).as("outcome of %s", test).isNotNull();
        return result.getThrowable()
                .orElseThrow(() -> new AssertionError(test + " was expected to fail but ended " + result.getStatus()));
    }

    private AuditReport readReport() throws Exception {
        try (Reader in = Files.newBufferedReader(reports.resolve("report.json"), StandardCharsets.UTF_8)) {
            return new ReportReader().read(in);
        }
    }

    /** The same read and write, once with the bug and once fixed, in that order and in one context. */
    abstract static class UsersScenario {

        @Autowired
        UserService users;

        @Autowired
        UserRepository repository;

        @Autowired
        CacheManager cacheManager;

        @BeforeEach
        void seed() {
            TestApp.reset(repository, cacheManager);
            repository.save(new User(42, "Ada"));
            users.find(42L);
        }
    }

    @Scenario
    @CacheAuditTest
    @SpringBootTest(classes = TestApp.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class Eviction extends UsersScenario {

        @Test
        @Order(1)
        void renameWithPrefixedKey() {
            users.renameWithPrefixedKey(42L, "Grace");
            users.find(42L);
        }

        @Test
        @Order(2)
        void rename() {
            users.rename(42L, "Grace");
            users.find(42L);
        }
    }

    @Scenario
    @CacheAuditTest
    @SpringBootTest(classes = TestApp.class)
    static class FullClear extends UsersScenario {

        @Test
        void renameAndClearAll() {
            users.renameAndClearAll(42L, "Grace");
        }
    }

    @Scenario
    @CacheAuditTest(failSeverity = Severity.WARN)
    @SpringBootTest(classes = TestApp.class)
    static class StrictFullClear extends UsersScenario {

        @Test
        void renameAndClearAll() {
            users.renameAndClearAll(42L, "Grace");
        }
    }

    @Scenario
    @CacheAuditTest(failSeverity = Severity.WARN, kinds = FindingKind.FULL_CLEAR)
    @SpringBootTest(classes = TestApp.class)
    static class OnlyFullClears extends UsersScenario {

        @Test
        void renameWithPrefixedKey() {
            users.renameWithPrefixedKey(42L, "Grace");
        }

        @Test
        void renameAndClearAll() {
            users.renameAndClearAll(42L, "Grace");
        }
    }

    @Scenario
    @CacheAuditTest
    @SpringBootTest(classes = TestApp.class)
    static class WithNested extends UsersScenario {

        @Nested
        class Renaming {

            @Test
            void renameWithPrefixedKey() {
                users.renameWithPrefixedKey(42L, "Grace");
            }
        }
    }

    @Scenario
    @CacheAuditTest
    static class NoSpring {

        @Test
        void plain() {}
    }

    @Scenario
    @CacheAuditTest
    @SpringBootTest(classes = TestApp.class, properties = "cache-audit.enabled=false")
    static class AuditingDisabled {

        @Test
        void plain() {}
    }

    @Scenario
    @ExtendWith(CacheAuditExtension.class)
    static class ExtensionOnly {

        @Test
        void plain() {}
    }
}
