package dev.cacheaudit.autoconfigure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.CacheAuditAutoConfiguration;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.report.CacheReport;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

class CacheAuditJdbcAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(CacheAuditAutoConfiguration.class, CacheAuditJdbcAutoConfiguration.class))
            .withUserConfiguration(H2.class);

    @Test
    void dataSourceIsWrappedKeepingItsClassAndItsStatementsReachTheEngine() {
        contextRunner.run(context -> {
            assertThat(context).hasSingleBean(StatementRecorder.class);
            DataSource dataSource = context.getBean(DataSource.class);
            assertThat(AopUtils.isAopProxy(dataSource)).isTrue();
            assertThat(dataSource).isInstanceOf(DriverManagerDataSource.class);
            CacheAudit audit = context.getBean(CacheAudit.class);
            long before = audit.engine().processedEvents();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("CREATE TABLE t (id BIGINT)");
            jdbc.update("INSERT INTO t (id) VALUES (?)", 1L);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM t", Long.class))
                    .isEqualTo(1L);
            assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                    .as("events analysed")
                    .isTrue();
            // The create and the insert; the query outside any cache load is not handed over.
            assertThat(audit.engine().processedEvents() - before).isEqualTo(2);
        });
    }

    @Test
    void recordingIsDisabledByProperty() {
        contextRunner.withPropertyValues("cache-audit.recording.jdbc=false").run(context -> {
            assertThat(context).doesNotHaveBean(StatementRecorder.class);
            assertThat(AopUtils.isAopProxy(context.getBean(DataSource.class))).isFalse();
        });
    }

    @Test
    void startsWithoutDatasourceProxyOnTheClassPath() {
        contextRunner
                .withClassLoader(new FilteredClassLoader(ProxyDataSourceBuilder.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(CacheAudit.class);
                    assertThat(context).doesNotHaveBean(StatementRecorder.class);
                    assertThat(AopUtils.isAopProxy(context.getBean(DataSource.class)))
                            .isFalse();
                });
    }

    @Test
    void delegatingDataSourcesAreLeftAlone() {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(CacheAuditAutoConfiguration.class, CacheAuditJdbcAutoConfiguration.class))
                .withBean(
                        "delegating",
                        DataSource.class,
                        () -> new TransactionAwareDataSourceProxy(new DriverManagerDataSource("jdbc:h2:mem:x")))
                .run(context -> assertThat(AopUtils.isAopProxy(context.getBean(DataSource.class)))
                        .isFalse());
    }

    @Test
    void configuredTablesAreTheCachesLineageInTheReport() {
        contextRunner
                .withPropertyValues("cache-audit.caches.orders.tables=shop.orders,order_line")
                .run(context -> {
                    CacheAudit audit = context.getBean(CacheAudit.class);
                    audit.counters("orders");
                    assertThat(audit.report().caches())
                            .filteredOn(row -> row.name().equals("orders"))
                            .singleElement()
                            .satisfies(row -> assertThat(row.tables())
                                    .containsExactly(
                                            new CacheReport.Table("order_line", List.of(), "configuration"),
                                            new CacheReport.Table("orders", List.of(), "configuration")));
                });
    }

    @Test
    void invalidTableNameFailsStartupNamingTheProperty() {
        contextRunner
                .withPropertyValues("cache-audit.caches.orders.tables=orders; drop table x")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("cache-audit.caches.orders.tables"));
    }

    @Configuration(proxyBeanMethods = false)
    static class H2 {

        @Bean
        DataSource dataSource() {
            return new DriverManagerDataSource("jdbc:h2:mem:autoconfig-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        }
    }
}
