package dev.cacheaudit.test;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.finding.Finding;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Fails a Spring test during which cache-audit raised findings that match the {@link CacheAuditTest} policy, and
 * keeps the run's {@code report.json} and {@code report.html} up to date after every test.
 *
 * <p>Before each test (and its {@code @BeforeEach} methods) it waits for the auditor to analyse what is queued and
 * clears its findings; after the test method it waits again, takes the findings raised meanwhile, adds them to the
 * run's report, writes the reports and throws an {@link AssertionError} listing those that fail the policy. The check
 * runs before {@code @AfterEach} methods, so a context closed by {@code @DirtiesContext} cannot hide it.
 *
 * <p>Used through {@link CacheAuditTest}, a class without a Spring test context or without a {@code CacheAudit} bean
 * fails with a message saying so. Registered on its own ({@code @ExtendWith}, {@code @RegisterExtension} or JUnit's
 * extension auto-detection), the extension leaves such classes alone, so it can be switched on for a whole suite.
 *
 * <p>Tests that run concurrently against one application context share its auditor: run audited tests of one
 * context sequentially, or findings may be reported on the wrong test.
 */
public final class CacheAuditExtension implements BeforeEachCallback, AfterTestExecutionCallback {

    /** Configuration parameter: the least severity that fails a test ({@code INFO}, {@code WARN}, {@code ERROR}). */
    public static final String FAIL_SEVERITY = "cache-audit.junit.fail-severity";

    /** Configuration parameter: comma-separated finding kinds that fail a test; empty means every kind. */
    public static final String FAIL_KINDS = "cache-audit.junit.fail-kinds";

    /** Configuration parameter: whether findings fail tests at all ({@code true} or {@code false}). */
    public static final String FAIL_ON_FINDINGS = "cache-audit.junit.fail-on-findings";

    /** Configuration parameter: the directory the reports are written to, {@code target/cache-audit} by default. */
    public static final String REPORT_DIR = "cache-audit.junit.report-dir";

    /** Configuration parameter: how long to wait for queued events to be analysed, {@code PT5S} by default. */
    public static final String QUIESCENCE_TIMEOUT = "cache-audit.junit.quiescence-timeout";

    static final String DEFAULT_REPORT_DIR = "target/cache-audit";

    private static final Duration DEFAULT_QUIESCENCE_TIMEOUT = Duration.ofSeconds(5);

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(CacheAuditExtension.class);

    private static final Logger logger = LoggerFactory.getLogger(CacheAuditExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        CacheAudit audit = findAudit(context);
        if (audit == null) {
            return;
        }
        context.getStore(NAMESPACE).put(CacheAudit.class, audit);
        await(audit, quiescenceTimeout(context));
        // What is there now was raised outside any test; keep it in the run's report, fail no test for it.
        runReport(context).add(audit, audit.findings().findings(), null);
        audit.findings().clear();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        CacheAudit audit = context.getStore(NAMESPACE).remove(CacheAudit.class, CacheAudit.class);
        if (audit == null) {
            return;
        }
        await(audit, quiescenceTimeout(context));
        List<Finding> raised = audit.findings().findings();
        audit.findings().clear();
        String test = testName(context);
        Path reportDir = reportDir(context);
        RunReport report = runReport(context);
        report.add(audit, raised, test);
        report.write(reportDir);

        FailurePolicy policy = FailurePolicy.resolve(
                annotation(context.getRequiredTestClass()),
                name -> context.getConfigurationParameter(name).orElse(null));
        List<Finding> failing = raised.stream().filter(policy::fails).toList();
        if (!failing.isEmpty()) {
            throw new AssertionError(FindingsMessage.failure(
                    test,
                    failing,
                    policy,
                    reportDir.toAbsolutePath().resolve("report.html").toString()));
        }
    }

    private static @Nullable CacheAudit findAudit(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        boolean explicit = annotation(testClass) != null;
        if (!isSpringTest(testClass)) {
            if (explicit) {
                throw new ExtensionConfigurationException("@CacheAuditTest on " + testClass.getName()
                        + " needs a Spring test context: add @SpringBootTest (or another annotation that registers"
                        + " SpringExtension) to the class.");
            }
            return null;
        }
        ApplicationContext application = SpringExtension.getApplicationContext(context);
        CacheAudit audit = application.getBeanProvider(CacheAudit.class).getIfUnique();
        if (audit == null && explicit) {
            throw new ExtensionConfigurationException("@CacheAuditTest on " + testClass.getName()
                    + " found no single CacheAudit bean in the application context: is"
                    + " cache-audit-spring-boot-starter on the test classpath, auto-configuration enabled and"
                    + " cache-audit.enabled not false?");
        }
        return audit;
    }

    /** The annotation on the class, its superclasses, or the classes a {@code @Nested} class is enclosed in. */
    static @Nullable CacheAuditTest annotation(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = enclosing(c)) {
            Optional<CacheAuditTest> found = AnnotationSupport.findAnnotation(c, CacheAuditTest.class);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return null;
    }

    private static boolean isSpringTest(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = enclosing(c)) {
            for (ExtendWith extendWith : AnnotationSupport.findRepeatableAnnotations(c, ExtendWith.class)) {
                for (Class<?> extension : extendWith.value()) {
                    if (SpringExtension.class.isAssignableFrom(extension)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static @Nullable Class<?> enclosing(Class<?> c) {
        return Modifier.isStatic(c.getModifiers()) ? null : c.getEnclosingClass();
    }

    private static void await(CacheAudit audit, Duration timeout) {
        if (!audit.awaitQuiescence(timeout)) {
            logger.warn(
                    "cache-audit had not analysed every queued event after {}; findings raised later may be"
                            + " reported on the next test (see {})",
                    timeout,
                    QUIESCENCE_TIMEOUT);
        }
    }

    private static String testName(ExtensionContext context) {
        return context.getRequiredTestClass().getName() + "#"
                + context.getRequiredTestMethod().getName();
    }

    private static Path reportDir(ExtensionContext context) {
        return Path.of(context.getConfigurationParameter(REPORT_DIR).orElse(DEFAULT_REPORT_DIR));
    }

    private static Duration quiescenceTimeout(ExtensionContext context) {
        Optional<String> value = context.getConfigurationParameter(QUIESCENCE_TIMEOUT);
        if (value.isEmpty()) {
            return DEFAULT_QUIESCENCE_TIMEOUT;
        }
        try {
            return Duration.parse(value.get().trim());
        } catch (DateTimeParseException ex) {
            throw new ExtensionConfigurationException(
                    QUIESCENCE_TIMEOUT + " must be an ISO-8601 duration such as PT5S, was '" + value.get() + "'");
        }
    }

    @SuppressWarnings("deprecation") // computeIfAbsent is JUnit 5.13+; this also runs on Boot 3.5's JUnit 5.12.
    private static RunReport runReport(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(RunReport.class);
    }
}
