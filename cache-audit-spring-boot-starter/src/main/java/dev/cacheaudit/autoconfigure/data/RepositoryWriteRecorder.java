package dev.cacheaudit.autoconfigure.data;

import dev.cacheaudit.autoconfigure.support.TransactionProbe;
import dev.cacheaudit.core.CacheAudit;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.data.repository.core.EntityInformation;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;

/**
 * Adds {@link RepositoryWriteInterceptor} to every Spring Data repository, through Spring Data's own customizer hook,
 * so that the interceptor knows each repository's domain type.
 */
public final class RepositoryWriteRecorder implements BeanPostProcessor {

    private final ObjectProvider<CacheAudit> audit;

    private final ObjectProvider<TransactionProbe> transactions;

    public RepositoryWriteRecorder(ObjectProvider<CacheAudit> audit, ObjectProvider<TransactionProbe> transactions) {
        this.audit = audit;
        this.transactions = transactions;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof RepositoryFactoryBeanSupport<?, ?, ?> factoryBean) {
            factoryBean.addRepositoryFactoryCustomizer(this::customize);
        }
        return bean;
    }

    private void customize(RepositoryFactorySupport factory) {
        factory.addRepositoryProxyPostProcessor((proxyFactory, information) -> {
            CacheAudit current = audit.getIfAvailable();
            if (current == null) {
                return;
            }
            Class<?> domainType = information.getDomainType();
            proxyFactory.addAdvice(new RepositoryWriteInterceptor(
                    current,
                    transactions.getIfAvailable(() -> TransactionProbe.NONE),
                    domainType,
                    entityInformation(factory, domainType)));
        });
    }

    private static @Nullable EntityInformation<?, ?> entityInformation(
            RepositoryFactorySupport factory, Class<?> domainType) {
        try {
            return factory.getEntityInformation(domainType);
        } catch (RuntimeException ex) {
            // Some stores cannot describe every domain type; writes are then recorded without an id.
            return null;
        }
    }
}
