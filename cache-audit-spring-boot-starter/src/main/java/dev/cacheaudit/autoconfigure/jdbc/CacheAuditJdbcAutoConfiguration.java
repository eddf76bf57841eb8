package dev.cacheaudit.autoconfigure.jdbc;

import dev.cacheaudit.autoconfigure.CacheAuditBuilderCustomizer;
import dev.cacheaudit.autoconfigure.CacheAuditProperties;
import dev.cacheaudit.autoconfigure.support.TransactionProbe;
import dev.cacheaudit.core.CacheAudit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lineage through JDBC: the application's data sources wrapped with datasource-proxy, statements parsed with
 * JSqlParser on the engine thread. Applies when both libraries are on the class path (the application adds them);
 * switched off with {@code cache-audit.recording.jdbc=false}.
 */
@AutoConfiguration(afterName = "dev.cacheaudit.autoconfigure.CacheAuditAutoConfiguration")
@ConditionalOnClass(
        name = {
            "javax.sql.DataSource",
            "net.ttddyy.dsproxy.support.ProxyDataSourceBuilder",
            "net.sf.jsqlparser.parser.CCJSqlParserUtil"
        })
@ConditionalOnProperty(prefix = "cache-audit", name = "enabled", havingValue = "true", matchIfMissing = true)
public class CacheAuditJdbcAutoConfiguration {

    /** Distinct statements whose parsed form is remembered. */
    static final int PARSED_STATEMENTS = 2048;

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "cache-audit.recording", name = "jdbc", havingValue = "true", matchIfMissing = true)
    static class JdbcRecordingConfiguration {

        @Bean
        CacheAuditBuilderCustomizer cacheAuditLineage(CacheAuditProperties properties) {
            return builder -> {
                builder.sqlParser(new JSqlParserStatements(PARSED_STATEMENTS));
                properties.getCaches().forEach((cache, settings) -> {
                    if (!settings.getTables().isEmpty()) {
                        builder.tables(cache, settings.getTables());
                    }
                });
            };
        }

        @Bean
        StatementRecorder cacheAuditStatementRecorder(CacheAudit audit, ObjectProvider<TransactionProbe> transactions) {
            return new StatementRecorder(audit, transactions.getIfAvailable(() -> TransactionProbe.NONE));
        }

        @Bean
        static DataSourceRecording cacheAuditDataSourceRecording(ObjectProvider<StatementRecorder> recorder) {
            return new DataSourceRecording(recorder);
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(
                name = {
                    "org.hibernate.persister.entity.AbstractEntityPersister",
                    "jakarta.persistence.EntityManagerFactory"
                })
        static class JpaTablesConfiguration {

            @Bean
            static JpaTables cacheAuditJpaTables(ObjectProvider<CacheAudit> audit) {
                return new JpaTables(audit);
            }
        }
    }
}
