package dev.cacheaudit.autoconfigure.cache;

import dev.cacheaudit.autoconfigure.CacheAuditProperties;
import dev.cacheaudit.autoconfigure.support.TransactionProbe;
import dev.cacheaudit.autoconfigure.verify.Loaders;
import dev.cacheaudit.autoconfigure.verify.SpringVerificationBackend;
import dev.cacheaudit.core.CacheAudit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cache.interceptor.CacheInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Recording of cache operations: every cache manager's caches are wrapped, the {@code @Cacheable} methods are read
 * for the entities they hold, and cache errors handled by the application are recorded too.
 */
@Configuration(proxyBeanMethods = false)
class CacheRecordingConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CacheRecorder cacheAuditRecorder(
            CacheAudit audit,
            ObjectProvider<TransactionProbe> transactions,
            CacheAuditProperties properties,
            ObjectProvider<Loaders> loaders,
            ObjectProvider<SpringVerificationBackend> verification) {
        return new CacheRecorder(
                audit,
                transactions.getIfAvailable(() -> TransactionProbe.NONE),
                properties.hitEventRate(),
                loaders.getIfAvailable(),
                verification.getIfAvailable(),
                properties.idFields());
    }

    @Bean
    CacheAnnotationScanner cacheAuditAnnotationScanner(
            ConfigurableListableBeanFactory beanFactory, CacheAudit audit, CacheAuditProperties properties) {
        return new CacheAnnotationScanner(beanFactory, audit, properties.entities());
    }

    @Bean
    CacheErrorHandlerDecorator cacheAuditErrorHandlerDecorator(
            ObjectProvider<CacheInterceptor> interceptors, CacheAudit audit) {
        return new CacheErrorHandlerDecorator(interceptors, audit);
    }

    @Bean
    static AuditingCacheManagerPostProcessor cacheAuditCacheManagerPostProcessor(
            ObjectProvider<CacheRecorder> recorder) {
        return new AuditingCacheManagerPostProcessor(recorder);
    }

    @Bean
    static CacheInterceptorTracking cacheAuditInvocationTracking() {
        return new CacheInterceptorTracking();
    }
}
