package dev.cacheaudit.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The {@code sample.bugs} switch. */
class SampleBugsTests {

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner().withUserConfiguration(BugsConfiguration.class);

    @Test
    void withoutThePropertyEveryFixIsInPlace() {
        contextRunner.run(context -> {
            SampleBugs bugs = context.getBean(SampleBugs.class);
            assertThat(bugs.bugs()).isEmpty();
            assertThat(SampleBugs.CATALOGUE).noneMatch(bugs::enabled);
        });
    }

    @Test
    void commaSeparatedIdsEnableThoseScenariosOnly() {
        contextRunner.withPropertyValues("sample.bugs=key-prefix, clear-all").run(context -> {
            SampleBugs bugs = context.getBean(SampleBugs.class);
            assertThat(bugs.bugs()).containsExactly("key-prefix", "clear-all");
            assertThat(bugs.enabled("key-prefix")).isTrue();
            assertThat(bugs.enabled("clear-all")).isTrue();
            assertThat(bugs.enabled("key-default")).isFalse();
        });
    }

    @Test
    void catalogueHoldsTheScenariosOfTheDesign() {
        assertThat(SampleBugs.CATALOGUE)
                .hasSize(25)
                .doesNotHaveDuplicates()
                .contains(
                        "stampede",
                        "foreign-writer",
                        "entity-no-equals",
                        "entity-id-equals",
                        "key-attribute",
                        "key-case",
                        "key-login",
                        "mybatis-no-evict",
                        "list-old-parent",
                        "evict-then-insert");
    }

    @Test
    void askingForAnIdOutsideTheCatalogueIsAProgrammingError() {
        SampleBugs bugs = new SampleBugs(List.of());
        assertThatIllegalArgumentException()
                .isThrownBy(() -> bugs.enabled("key-prefx"))
                .withMessageContaining("key-prefx");
    }

    @Test
    void unknownBugIdFailsStartUpNamingThePropertyTheIdAndTheValidIds() {
        assertThatThrownBy(() -> SampleApps.start("--spring.cache.type=simple", "--sample.bugs=key-prefix,no-such-bug"))
                .rootCause()
                .hasMessageContaining("'no-such-bug'")
                .hasMessageContaining("sample.bugs")
                .hasMessageContaining(String.join(", ", SampleBugs.CATALOGUE));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SampleBugs.class)
    static class BugsConfiguration {}
}
