package dev.cacheaudit.autoconfigure.verify;

import dev.cacheaudit.autoconfigure.CacheAuditProperties;
import dev.cacheaudit.core.verify.SourceOfTruth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Verification of cached values against their source, when {@code cache-audit.verification.enabled} is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "cache-audit.verification", name = "enabled", havingValue = "true")
class VerificationConfiguration {

    @Bean
    Loaders cacheAuditLoaders() {
        return new Loaders(10_000);
    }

    @Bean(destroyMethod = "close")
    SourceReads cacheAuditSourceReads(ObjectProvider<ReadTransactions> transactions, CacheAuditProperties properties) {
        return new SourceReads(
                transactions.getIfAvailable(() -> ReadTransactions.NONE),
                properties.getVerification().getTimeout());
    }

    @Bean
    SpringVerificationBackend cacheAuditVerificationBackend(
            Loaders loaders,
            ObjectProvider<SourceOfTruth> sources,
            SourceReads reads,
            CacheAuditProperties properties) {
        Supplier<Map<String, SourceOfTruth>> byCache = () -> {
            Map<String, SourceOfTruth> map = new LinkedHashMap<>();
            sources.orderedStream().forEach(source -> map.putIfAbsent(source.cache(), source));
            return map;
        };
        return new SpringVerificationBackend(loaders, byCache, properties.unverifiedCaches(), reads);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.transaction.PlatformTransactionManager")
    static class RollbackOnlyTransactionConfiguration {

        @Bean
        ReadTransactions cacheAuditReadTransactions(ListableBeanFactory beans, CacheAuditProperties properties) {
            return new RollbackOnlyTransactions(
                    beans,
                    VerificationTransactionManagers.byCache(beans, properties),
                    properties.getVerification().getTimeout());
        }
    }
}
