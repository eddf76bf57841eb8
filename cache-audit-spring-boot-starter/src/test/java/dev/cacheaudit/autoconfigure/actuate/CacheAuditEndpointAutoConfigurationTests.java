package dev.cacheaudit.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.CacheAuditAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class CacheAuditEndpointAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(CacheAuditAutoConfiguration.class, CacheAuditEndpointAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=cacheaudit");

    @Test
    void probeIsOffByDefault() {
        contextRunner.run(context -> {
            assertThat(context).hasSingleBean(CacheAuditEndpoint.class);
            assertThat(context).doesNotHaveBean(KeyProbe.class);
        });
    }

    @Test
    void probeIsEnabledByProperty() {
        contextRunner
                .withPropertyValues("cache-audit.endpoint.probe.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(KeyProbe.class));
    }

    @Test
    void timelineCapacityBelowOneFailsAtBinding() {
        contextRunner
                .withPropertyValues(
                        "cache-audit.endpoint.probe.enabled=true", "cache-audit.endpoint.timeline-capacity=0")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("cache-audit.endpoint.timeline-capacity")
                        .hasMessageContaining("at least 1"));
    }
}
