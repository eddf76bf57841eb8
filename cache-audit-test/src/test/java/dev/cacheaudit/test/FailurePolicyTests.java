package dev.cacheaudit.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class FailurePolicyTests {

    private static final Finding KEY_MISMATCH = finding(FindingKind.KEY_MISMATCH);

    private static final Finding FULL_CLEAR = finding(FindingKind.FULL_CLEAR);

    @Test
    void withoutAnnotationOrParametersErrorsOfAnyKindFail() {
        FailurePolicy policy = FailurePolicy.resolve(null, Map.<String, String>of()::get);

        assertThat(policy).isEqualTo(FailurePolicy.DEFAULT);
        assertThat(policy.fails(KEY_MISMATCH)).isTrue();
        assertThat(policy.fails(FULL_CLEAR)).isFalse();
    }

    @Test
    void annotationAttributesAreTheDefaultsOfTheClass() {
        FailurePolicy policy = FailurePolicy.resolve(annotation(Strict.class), Map.<String, String>of()::get);

        assertThat(policy.fails(FULL_CLEAR)).isTrue();
        assertThat(policy.fails(KEY_MISMATCH)).isFalse();
    }

    @Test
    void parametersOverrideTheAnnotation() {
        FailurePolicy policy = FailurePolicy.resolve(
                annotation(Strict.class),
                Map.of(
                        CacheAuditExtension.FAIL_SEVERITY, "ERROR",
                        CacheAuditExtension.FAIL_KINDS, " key_mismatch ,")::get);

        assertThat(policy.fails(KEY_MISMATCH)).isTrue();
        assertThat(policy.fails(FULL_CLEAR)).isFalse();
        assertThat(policy.describe()).isEqualTo("severity >= ERROR, KEY_MISMATCH");
    }

    @Test
    void failOnFindingsFalseFailsNothing() {
        FailurePolicy policy = FailurePolicy.resolve(null, Map.of(CacheAuditExtension.FAIL_ON_FINDINGS, "false")::get);

        assertThat(policy.fails(KEY_MISMATCH)).isFalse();
    }

    @Test
    void invalidValuesAreRejectedWithTheParameterName() {
        assertThatThrownBy(() -> FailurePolicy.resolve(null, Map.of(CacheAuditExtension.FAIL_ON_FINDINGS, "yes")::get))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("cache-audit.junit.fail-on-findings must be true or false, was 'yes'");
        assertThatThrownBy(
                        () -> FailurePolicy.resolve(null, Map.of(CacheAuditExtension.FAIL_KINDS, "KEY_MISMATC")::get))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("cache-audit.junit.fail-kinds must be one of [KEY_MISMATCH,")
                .hasMessageEndingWith("was 'KEY_MISMATC'");
    }

    private static CacheAuditTest annotation(Class<?> type) {
        return type.getAnnotation(CacheAuditTest.class);
    }

    @CacheAuditTest(failSeverity = Severity.WARN, kinds = FindingKind.FULL_CLEAR)
    private static class Strict {}

    private static Finding finding(FindingKind kind) {
        Instant now = Instant.now();
        return new Finding(
                kind, kind.severity(), "users", "sig", "msg", null, null, List.of(), 1, now, now, "fix", Map.of());
    }
}
