package dev.cacheaudit.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.keys.KeyDecomposer;
import dev.cacheaudit.core.keys.KeyDescriptor;
import dev.cacheaudit.core.keys.KeyRedactor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class RedactionConfigurationTests {

    private static final String HASH_KEY = "a-secret-of-at-least-16-characters";

    private static final KeyDescriptor KEY = KeyDescriptor.of("user:123456789", KeyDecomposer.NONE);

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CacheAuditAutoConfiguration.class));

    @Test
    void shapeIsTheDefaultAndSaysNothingAtStartUp(CapturedOutput output) {
        contextRunner.run(context -> {
            assertThat(context.getBean(CacheAudit.class).redactor().mode()).isEqualTo(KeyRedactor.Mode.SHAPE);
            assertThat(context.getBean(CacheAudit.class).redactor().redact(KEY)).doesNotContain("123456789");
        });
        assertThat(output).doesNotContain("raw cache keys");
    }

    @Test
    void plainSaysAtStartUpThatRawKeysWillAppear(CapturedOutput output) {
        contextRunner.withPropertyValues("cache-audit.redaction.keys=plain").run(context -> assertThat(
                        context.getBean(CacheAudit.class).redactor().redact(KEY))
                .isEqualTo("user:123456789"));
        assertThat(output)
                .containsOnlyOnce("cache-audit.redaction.keys=plain: raw cache keys")
                .contains("WARN");
    }

    @Test
    void aConfiguredHashKeyMakesHashesAgreeAcrossInstances() {
        AtomicReference<String> first = new AtomicReference<>();
        ApplicationContextRunner hashed = contextRunner.withPropertyValues(
                "cache-audit.redaction.keys=hash", "cache-audit.redaction.hash-key=" + HASH_KEY);
        hashed.run(context ->
                first.set(context.getBean(CacheAudit.class).redactor().redact(KEY)));
        hashed.run(context -> assertThat(
                        context.getBean(CacheAudit.class).redactor().redact(KEY))
                .isEqualTo(first.get())
                .doesNotContain("123456789"));
        contextRunner.withPropertyValues("cache-audit.redaction.keys=hash").run(context -> assertThat(
                        context.getBean(CacheAudit.class).redactor().redact(KEY))
                .as("random per process without a configured key")
                .isNotEqualTo(first.get()));
    }

    @Test
    void aShortHashKeyFailsStartUpNamingThePropertyButNotTheSecret() {
        contextRunner
                .withPropertyValues("cache-audit.redaction.hash-key=short-secret")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .hasMessageContaining("cache-audit.redaction.hash-key")
                            .hasMessageContaining("at least 16 characters")
                            .hasMessageNotContaining("short-secret");
                });
    }
}
