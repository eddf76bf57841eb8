package dev.cacheaudit.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.cache.CacheRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class IdFieldPropertyTests {

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CacheAuditAutoConfiguration.class));

    @Test
    void idFieldThatIsNotAFieldNameFailsStartupNamingTheProperty() {
        contextRunner
                .withPropertyValues("cache-audit.caches.members.id-field=member no")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                            .hasMessageContaining("cache-audit.caches.members.id-field")
                            .hasMessageContaining("name of a field");
                });
    }

    @Test
    void idFieldIsBound() {
        contextRunner
                .withPropertyValues("cache-audit.caches.members.id-field=memberNo")
                .run(context -> {
                    assertThat(context).hasSingleBean(CacheRecorder.class);
                    assertThat(context.getBean(CacheAuditProperties.class)
                                    .getCaches()
                                    .get("members")
                                    .getIdField())
                            .isEqualTo("memberNo");
                });
    }
}
