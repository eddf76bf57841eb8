package dev.cacheaudit.autoconfigure.jpa;

import dev.cacheaudit.autoconfigure.verify.SpringVerificationBackend;
import dev.cacheaudit.core.verify.ValueInspector;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * When JPA is there and verification is on, cached entities are compared by their persistent state through the JPA
 * metamodel, never by their {@code equals}. A {@link ValueInspector} bean of the application's own replaces ours.
 */
@AutoConfiguration(afterName = "dev.cacheaudit.autoconfigure.CacheAuditAutoConfiguration")
@ConditionalOnClass(name = "jakarta.persistence.EntityManagerFactory")
@ConditionalOnBean(SpringVerificationBackend.class)
public class CacheAuditJpaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ValueInspector cacheAuditJpaValueInspector(ObjectProvider<EntityManagerFactory> factories) {
        // Looked up on first use: the entity manager factory may depend on the auditor's Hibernate listeners.
        return new JpaValueInspector(() -> factories.orderedStream().toList());
    }

    @Bean
    SmartInitializingSingleton cacheAuditValueInspection(
            SpringVerificationBackend backend, ObjectProvider<ValueInspector> inspector) {
        return () -> inspector.ifAvailable(backend::inspectValuesWith);
    }
}
