package dev.cacheaudit.test;

import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Severity;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Which findings fail a test: the annotation's attributes, each overridden by its configuration parameter when one
 * is set.
 *
 * @param failOnFindings whether findings fail the test at all
 * @param severity the least severity that fails
 * @param kinds the kinds that fail; empty means every kind
 */
record FailurePolicy(boolean failOnFindings, Severity severity, Set<FindingKind> kinds) {

    static final FailurePolicy DEFAULT = new FailurePolicy(true, Severity.ERROR, Set.of());

    FailurePolicy {
        Objects.requireNonNull(severity, "severity");
        kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
    }

    static FailurePolicy resolve(@Nullable CacheAuditTest annotation, Function<String, @Nullable String> parameters) {
        FailurePolicy base = annotation == null
                ? DEFAULT
                : new FailurePolicy(
                        annotation.failOnFindings(),
                        annotation.failSeverity(),
                        Set.copyOf(Arrays.asList(annotation.kinds())));
        String fail = parameters.apply(CacheAuditExtension.FAIL_ON_FINDINGS);
        String severity = parameters.apply(CacheAuditExtension.FAIL_SEVERITY);
        String kinds = parameters.apply(CacheAuditExtension.FAIL_KINDS);
        return new FailurePolicy(
                fail == null ? base.failOnFindings : parseBoolean(fail),
                severity == null ? base.severity : parse(Severity.class, CacheAuditExtension.FAIL_SEVERITY, severity),
                kinds == null ? base.kinds : parseKinds(kinds));
    }

    /**
     * Whether this finding fails the test. Suspicions from start-up analysis never do: no test caused them, and traffic
     * that shows them turns them into confirmed findings.
     */
    boolean fails(Finding finding) {
        return failOnFindings
                && finding.confirmed()
                && finding.severity().atLeast(severity)
                && (kinds.isEmpty() || kinds.contains(finding.kind()));
    }

    /** The policy in words, for failure messages. */
    String describe() {
        String which = kinds.isEmpty()
                ? "any kind"
                : kinds.stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
        return "severity >= " + severity + ", " + which;
    }

    private static boolean parseBoolean(String value) {
        String trimmed = value.trim();
        if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(trimmed);
        }
        throw new ExtensionConfigurationException(
                CacheAuditExtension.FAIL_ON_FINDINGS + " must be true or false, was '" + value + "'");
    }

    private static Set<FindingKind> parseKinds(String value) {
        Set<FindingKind> kinds = EnumSet.noneOf(FindingKind.class);
        for (String name : value.split(",")) {
            if (!name.isBlank()) {
                kinds.add(parse(FindingKind.class, CacheAuditExtension.FAIL_KINDS, name));
            }
        }
        return kinds;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String parameter, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw new ExtensionConfigurationException(parameter + " must be one of "
                    + Arrays.toString(type.getEnumConstants()) + ", was '" + value + "'");
        }
    }
}
