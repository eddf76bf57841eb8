package dev.cacheaudit.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.verify.ReadTransactions;
import dev.cacheaudit.autoconfigure.verify.RollbackOnlyTransactions;
import dev.cacheaudit.autoconfigure.verify.SourceReads;
import dev.cacheaudit.autoconfigure.verify.SpringVerificationBackend;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

class VerificationConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CacheAuditAutoConfiguration.class))
            .withPropertyValues("cache-audit.verification.enabled=true");

    @Test
    void verificationReadsRunInRolledBackTransactionsWhereSpringTxIsPresent() {
        contextRunner.withUserConfiguration(TwoManagers.class).run(context -> {
            assertThat(context).hasSingleBean(SourceReads.class);
            assertThat(context).hasSingleBean(SpringVerificationBackend.class);
            assertThat(context).getBean(ReadTransactions.class).isInstanceOf(RollbackOnlyTransactions.class);
        });
    }

    @Test
    void verificationReadsRunAsTheyAreWithoutSpringTx() {
        contextRunner
                .withClassLoader(new FilteredClassLoader("org.springframework.transaction"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(SourceReads.class);
                    assertThat(context).doesNotHaveBean(ReadTransactions.class);
                });
    }

    @Test
    void noSourceReadsWhenVerificationIsOff() {
        contextRunner
                .withPropertyValues("cache-audit.verification.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(SourceReads.class));
    }

    @Test
    void transactionManagerNamedForACacheIsAccepted() {
        contextRunner
                .withUserConfiguration(TwoManagers.class)
                .withPropertyValues("cache-audit.caches.stock.transaction-manager=stockTransactions")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void unknownTransactionManagerNamedForACacheFailsStartupNamingTheProperty() {
        contextRunner
                .withUserConfiguration(TwoManagers.class)
                .withPropertyValues("cache-audit.caches.stock.transaction-manager=stockTransactionManager")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                            .hasMessageContaining("cache-audit.caches.stock.transaction-manager")
                            .hasMessageContaining("PlatformTransactionManager");
                });
    }

    @Test
    void nonPositiveTimeoutFailsStartupNamingTheProperty() {
        contextRunner.withPropertyValues("cache-audit.verification.timeout=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining("cache-audit.verification.timeout");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoManagers {

        @Bean
        DataSourceTransactionManager stockTransactions() {
            return new DataSourceTransactionManager(new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:a"));
        }

        @Bean
        DataSourceTransactionManager orderTransactions() {
            return new DataSourceTransactionManager(new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:b"));
        }
    }
}
