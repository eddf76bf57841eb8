package dev.cacheaudit.autoconfigure.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.CacheAuditAutoConfiguration;
import dev.cacheaudit.autoconfigure.verify.SpringVerificationBackend;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.verify.ValueInspector;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class CacheAuditJpaAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(CacheAuditAutoConfiguration.class, CacheAuditJpaAutoConfiguration.class));

    @Test
    void entitiesAreInspectedThroughJpaWhenVerificationIsOn() {
        contextRunner
                .withPropertyValues("cache-audit.verification.enabled=true")
                .run(context -> {
                    assertThat(context).hasSingleBean(JpaValueInspector.class);
                    assertThat(context.getBean(SpringVerificationBackend.class).inspector())
                            .isSameAs(context.getBean(JpaValueInspector.class));
                });
    }

    @Test
    void noInspectorWithoutVerification() {
        contextRunner.run(context -> {
            assertThat(context).hasSingleBean(CacheAudit.class);
            assertThat(context).doesNotHaveBean(ValueInspector.class);
        });
    }

    @Test
    void startsWithoutJpaAndComparesByStructureAlone() {
        contextRunner
                .withClassLoader(new FilteredClassLoader("jakarta.persistence", "org.hibernate"))
                .withPropertyValues("cache-audit.verification.enabled=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(ValueInspector.class);
                    assertThat(context.getBean(SpringVerificationBackend.class).inspector())
                            .isSameAs(ValueInspector.NONE);
                });
    }

    @Test
    void inspectorBacksOffWhenUserDefinesOne() {
        contextRunner
                .withPropertyValues("cache-audit.verification.enabled=true")
                .withUserConfiguration(OwnInspector.class)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(JpaValueInspector.class);
                    assertThat(context.getBean(SpringVerificationBackend.class).inspector())
                            .isSameAs(context.getBean(ValueInspector.class));
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnInspector {

        @Bean
        ValueInspector ownInspector() {
            return value -> null;
        }
    }
}
