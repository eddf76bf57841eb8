package dev.cacheaudit.autoconfigure.data;

import dev.cacheaudit.autoconfigure.support.TransactionProbe;
import dev.cacheaudit.core.CacheAudit;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/** Registers a {@link HibernateWriteListener} with every Hibernate {@link EntityManagerFactory}. */
public final class HibernateListenerRegistrar implements BeanPostProcessor {

    private static final Logger logger = LoggerFactory.getLogger(HibernateListenerRegistrar.class);

    private final ObjectProvider<CacheAudit> audit;

    private final ObjectProvider<TransactionProbe> transactions;

    /** Session factories already listened to: one factory can be reached through several beans. */
    private final java.util.Set<Object> registered =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    public HibernateListenerRegistrar(ObjectProvider<CacheAudit> audit, ObjectProvider<TransactionProbe> transactions) {
        this.audit = audit;
        this.transactions = transactions;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof EntityManagerFactory factory) {
            register(factory, beanName);
        }
        return bean;
    }

    private void register(EntityManagerFactory factory, String beanName) {
        CacheAudit current = audit.getIfAvailable();
        if (current == null) {
            return;
        }
        try {
            SessionFactoryImplementor sessionFactory = factory.unwrap(SessionFactoryImplementor.class);
            if (!registered.add(sessionFactory)) {
                return;
            }
            EventListenerRegistry registry =
                    sessionFactory.getServiceRegistry().getService(EventListenerRegistry.class);
            if (registry == null) {
                return;
            }
            HibernateWriteListener listener =
                    new HibernateWriteListener(current, transactions.getIfAvailable(() -> TransactionProbe.NONE));
            registry.appendListeners(EventType.POST_INSERT, listener);
            registry.appendListeners(EventType.POST_UPDATE, listener);
            registry.appendListeners(EventType.POST_DELETE, listener);
            registry.appendListeners(EventType.POST_LOAD, listener);
        } catch (RuntimeException ex) {
            logger.info(
                    "cache-audit: entity manager factory '{}' is not Hibernate's; writes made by dirty checking"
                            + " are not recorded ({})",
                    beanName,
                    ex.toString());
        }
    }
}
