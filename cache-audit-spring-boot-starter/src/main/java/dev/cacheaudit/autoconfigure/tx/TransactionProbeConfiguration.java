package dev.cacheaudit.autoconfigure.tx;

import dev.cacheaudit.autoconfigure.support.TransactionProbe;
import dev.cacheaudit.core.CacheAudit;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Reads Spring's transaction state, when spring-tx is present; without it recording sees no transaction. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.transaction.support.TransactionSynchronizationManager")
class TransactionProbeConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TransactionProbe cacheAuditTransactionProbe(CacheAudit audit) {
        return new SpringTransactionProbe(audit);
    }
}
