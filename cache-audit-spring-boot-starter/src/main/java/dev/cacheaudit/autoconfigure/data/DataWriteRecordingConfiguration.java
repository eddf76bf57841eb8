package dev.cacheaudit.autoconfigure.data;

import dev.cacheaudit.autoconfigure.support.TransactionProbe;
import dev.cacheaudit.core.CacheAudit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Recording of writes to the database through Spring Data repositories and Hibernate, unless
 * {@code cache-audit.recording.repository-writes} is off. The post-processors are static beans and take the audit
 * lazily, so that registering them does not create the audit early.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
        prefix = "cache-audit.recording",
        name = "repository-writes",
        havingValue = "true",
        matchIfMissing = true)
class DataWriteRecordingConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport")
    static class RepositoryWriteConfiguration {

        @Bean
        static RepositoryWriteRecorder cacheAuditRepositoryWriteRecorder(
                ObjectProvider<CacheAudit> audit, ObjectProvider<TransactionProbe> transactions) {
            return new RepositoryWriteRecorder(audit, transactions);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(
            name = {"org.hibernate.event.spi.PostUpdateEventListener", "jakarta.persistence.EntityManagerFactory"})
    static class HibernateConfiguration {

        @Bean
        static HibernateListenerRegistrar cacheAuditHibernateListenerRegistrar(
                ObjectProvider<CacheAudit> audit, ObjectProvider<TransactionProbe> transactions) {
            return new HibernateListenerRegistrar(audit, transactions);
        }
    }
}
