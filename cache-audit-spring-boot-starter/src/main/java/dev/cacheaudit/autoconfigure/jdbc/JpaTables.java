package dev.cacheaudit.autoconfigure.jdbc;

import dev.cacheaudit.core.CacheAudit;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Tells lineage which table each JPA entity is mapped to, from Hibernate's metamodel, so that a write the JPA recording
 * already saw is not reported a second time from its SQL.
 */
final class JpaTables implements BeanPostProcessor {

    private static final Logger logger = LoggerFactory.getLogger(JpaTables.class);

    private final ObjectProvider<CacheAudit> audit;

    JpaTables(ObjectProvider<CacheAudit> audit) {
        this.audit = audit;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof EntityManagerFactory factory) {
            CacheAudit current = audit.getIfAvailable();
            if (current != null) {
                try {
                    factory.unwrap(SessionFactoryImplementor.class)
                            .getMappingMetamodel()
                            .forEachEntityDescriptor(persister -> {
                                if (persister instanceof AbstractEntityPersister mapped) {
                                    current.lineage()
                                            .entityTable(
                                                    persister.getMappedClass().getName(), mapped.getTableName());
                                }
                            });
                } catch (RuntimeException | LinkageError ex) {
                    logger.info(
                            "cache-audit: the tables of the entities of '{}' are guessed from their names ({})",
                            beanName,
                            ex.toString());
                }
            }
        }
        return bean;
    }
}
