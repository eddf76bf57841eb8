package dev.cacheaudit.test;

import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Severity;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails each test of a Spring test class during which cache-audit raised a finding, and writes the run's report to
 * {@code target/cache-audit/report.json} and {@code report.html}. Put it next to {@code @SpringBootTest} (or any
 * annotation that registers Spring's {@code SpringExtension}); the application context must contain the
 * {@code CacheAudit} bean that the starter auto-configures.
 *
 * <p>Findings are cleared before each test, so a test fails only for what was raised while it (and its
 * {@code @BeforeEach} methods) ran. Because the annotation is explicit, a class without a Spring test context, or
 * whose context has no {@code CacheAudit} bean (for example with {@code cache-audit.enabled=false}), fails with a
 * message saying so rather than passing unaudited. Registering {@link CacheAuditExtension} without this annotation
 * ({@code @ExtendWith}, or JUnit's extension auto-detection) skips such classes silently instead.
 *
 * <p>JUnit configuration parameters (in {@code junit-platform.properties}, or as system properties) override the
 * attributes for a whole run, so CI can tighten or loosen the gate without code changes:
 *
 * <ul>
 *   <li>{@value CacheAuditExtension#FAIL_SEVERITY}: {@code INFO}, {@code WARN} or {@code ERROR}
 *   <li>{@value CacheAuditExtension#FAIL_KINDS}: comma-separated {@link FindingKind} names
 *   <li>{@value CacheAuditExtension#FAIL_ON_FINDINGS}: {@code true} or {@code false}
 *   <li>{@value CacheAuditExtension#REPORT_DIR}: where the reports go, {@code target/cache-audit} by default
 *   <li>{@value CacheAuditExtension#QUIESCENCE_TIMEOUT}: how long to wait for queued events, an ISO-8601 duration,
 *       {@code PT5S} by default
 * </ul>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(CacheAuditExtension.class)
public @interface CacheAuditTest {

    /** The least severity that fails a test. */
    Severity failSeverity() default Severity.ERROR;

    /** The kinds that fail a test; empty means every kind. */
    FindingKind[] kinds() default {};

    /** Whether findings fail the test; when {@code false} they are only written to the reports. */
    boolean failOnFindings() default true;
}
