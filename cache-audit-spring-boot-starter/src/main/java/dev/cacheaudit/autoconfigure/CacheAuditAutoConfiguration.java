package dev.cacheaudit.autoconfigure;

import dev.cacheaudit.autoconfigure.cache.AuditingCacheManagerPostProcessor;
import dev.cacheaudit.autoconfigure.cache.CacheAnnotationScanner;
import dev.cacheaudit.autoconfigure.cache.CacheErrorHandlerDecorator;
import dev.cacheaudit.autoconfigure.cache.CacheInterceptorTracking;
import dev.cacheaudit.autoconfigure.cache.CacheRecorder;
import dev.cacheaudit.autoconfigure.cache.SimpleKeyDecomposer;
import dev.cacheaudit.autoconfigure.data.HibernateListenerRegistrar;
import dev.cacheaudit.autoconfigure.data.RepositoryWriteRecorder;
import dev.cacheaudit.autoconfigure.redis.LettuceCommandRecorder;
import dev.cacheaudit.autoconfigure.redis.LettuceListenerRegistrar;
import dev.cacheaudit.autoconfigure.support.TransactionProbe;
import dev.cacheaudit.autoconfigure.tx.SpringTransactionProbe;
import dev.cacheaudit.autoconfigure.verify.Loaders;
import dev.cacheaudit.autoconfigure.verify.ReadTransactions;
import dev.cacheaudit.autoconfigure.verify.SourceReads;
import dev.cacheaudit.autoconfigure.verify.SpringVerificationBackend;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.detect.Detector;
import dev.cacheaudit.core.engine.EngineSettings;
import dev.cacheaudit.core.metrics.CacheAuditMetrics;
import dev.cacheaudit.core.state.StateLimits;
import dev.cacheaudit.core.verify.SourceOfTruth;
import dev.cacheaudit.core.verify.VerificationSettings;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of cache-audit: the engine, the recording of cache operations, repository writes and Redis
 * commands, and the report at shutdown. Switched off with {@code cache-audit.enabled=false}. Optional integrations are
 * named by string so that the starter starts in an application that lacks them, on Spring Boot 3.5 and 4.0 alike.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "cache-audit", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(CacheAuditProperties.class)
public class CacheAuditAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    CacheAudit cacheAudit(
            CacheAuditProperties properties,
            Environment environment,
            ObjectProvider<Detector> detectors,
            ObjectProvider<CacheAuditBuilderCustomizer> customizers,
            ObjectProvider<SpringVerificationBackend> verificationBackend) {
        properties.validate();
        CacheAuditProperties.Limits limits = properties.getLimits();
        // The per-key history takes most of the heap budget; the rest covers the queue, shapes and findings.
        long keyBytes = Math.max(1024, limits.getMaxHeap().toBytes() * 7 / 10);
        EngineSettings settings = new EngineSettings(
                limits.getQueueCapacity(),
                Duration.ofSeconds(1),
                new StateLimits(keyBytes, limits.getMaxShapesPerCache(), limits.getMaxCaches()),
                new SimpleKeyDecomposer());
        String application = properties.getApplication() != null
                ? properties.getApplication()
                : environment.getProperty("spring.application.name", "application");
        CacheAudit.Builder builder = CacheAudit.builder()
                .application(application)
                .engine(settings)
                .redaction(properties.getRedaction().getKeys())
                .coverageWindow(properties.getCoverage().getWindow())
                .maxFindings(limits.getMaxFindings());
        SpringVerificationBackend backend = verificationBackend.getIfAvailable();
        if (backend != null) {
            CacheAuditProperties.Verification verification = properties.getVerification();
            java.util.Map<String, java.util.Set<String>> ignored = new java.util.LinkedHashMap<>();
            properties
                    .getCaches()
                    .forEach(
                            (cache, perCache) -> ignored.put(cache, java.util.Set.copyOf(perCache.getIgnoredFields())));
            builder.verification(
                    new VerificationSettings(
                            verification.getSampleRate(),
                            verification.getMaxPerSecond(),
                            verification.getGrace(),
                            verification.getWindows(),
                            verification.getMaxPending(),
                            ignored),
                    backend,
                    hitEventRate(properties));
        }
        detectors.orderedStream().forEach(builder::detector);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build().start();
    }

    /** Hits handed over as events: at least as many as verification samples. */
    static double hitEventRate(CacheAuditProperties properties) {
        double recording = properties.getRecording().getHitSampleRate();
        return properties.getVerification().isEnabled()
                ? Math.max(recording, properties.getVerification().getSampleRate())
                : recording;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "cache-audit.verification", name = "enabled", havingValue = "true")
    static class VerificationConfiguration {

        @Bean
        Loaders cacheAuditLoaders() {
            return new Loaders(10_000);
        }

        @Bean(destroyMethod = "close")
        SourceReads cacheAuditSourceReads(
                ObjectProvider<ReadTransactions> transactions, CacheAuditProperties properties) {
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
            java.util.function.Supplier<java.util.Map<String, SourceOfTruth>> byCache = () -> {
                java.util.Map<String, SourceOfTruth> map = new java.util.LinkedHashMap<>();
                sources.orderedStream().forEach(source -> map.putIfAbsent(source.cache(), source));
                return map;
            };
            java.util.Set<String> optedOut = new java.util.HashSet<>();
            properties.getCaches().forEach((cache, settings) -> {
                if (!settings.isVerify()) {
                    optedOut.add(cache);
                }
            });
            return new SpringVerificationBackend(loaders, byCache, optedOut, reads);
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = "org.springframework.transaction.PlatformTransactionManager")
        static class RollbackOnlyTransactionConfiguration {

            @Bean
            ReadTransactions cacheAuditReadTransactions(
                    org.springframework.beans.factory.ListableBeanFactory beans, CacheAuditProperties properties) {
                return new dev.cacheaudit.autoconfigure.verify.RollbackOnlyTransactions(
                        beans,
                        VerificationTransactionManagers.byCache(beans, properties),
                        properties.getVerification().getTimeout());
            }
        }
    }

    @Bean
    @ConditionalOnMissingBean
    CacheAuditMetrics cacheAuditMetrics(
            CacheAudit audit,
            CacheAuditProperties properties,
            ObjectProvider<dev.cacheaudit.autoconfigure.metrics.CacheAuditMetricsProperties> metrics) {
        boolean histograms = metrics.getIfAvailable(
                        dev.cacheaudit.autoconfigure.metrics.CacheAuditMetricsProperties::new)
                .isHistograms();
        return new CacheAuditMetrics(
                audit,
                new dev.cacheaudit.core.metrics.MeterSettings(
                        properties.getLimits().getMaxCaches(), histograms));
    }

    @Bean
    @ConditionalOnProperty(prefix = "cache-audit.report", name = "path")
    CacheAuditReportLifecycle cacheAuditReportLifecycle(CacheAudit audit, CacheAuditProperties properties) {
        return new CacheAuditReportLifecycle(
                audit, java.util.Objects.requireNonNull(properties.getReport().getPath()));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.transaction.support.TransactionSynchronizationManager")
    static class SpringTransactionConfiguration {

        @Bean
        @ConditionalOnMissingBean
        TransactionProbe cacheAuditTransactionProbe(CacheAudit audit) {
            return new SpringTransactionProbe(audit);
        }
    }

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
                hitEventRate(properties),
                loaders.getIfAvailable(),
                verification.getIfAvailable(),
                idFields(properties));
    }

    private static java.util.Map<String, String> idFields(CacheAuditProperties properties) {
        java.util.Map<String, String> idFields = new java.util.LinkedHashMap<>();
        properties.getCaches().forEach((cache, settings) -> {
            if (settings.getIdField() != null) {
                idFields.put(cache, settings.getIdField());
            }
        });
        return idFields;
    }

    @Bean
    CacheAnnotationScanner cacheAuditAnnotationScanner(
            org.springframework.beans.factory.config.ConfigurableListableBeanFactory beanFactory,
            CacheAudit audit,
            CacheAuditProperties properties) {
        java.util.Map<String, java.util.List<String>> entities = new java.util.LinkedHashMap<>();
        properties.getCaches().forEach((cache, settings) -> entities.put(cache, settings.getEntity()));
        return new CacheAnnotationScanner(beanFactory, audit, entities);
    }

    @Bean
    CacheErrorHandlerDecorator cacheAuditErrorHandlerDecorator(
            ObjectProvider<org.springframework.cache.interceptor.CacheInterceptor> interceptors, CacheAudit audit) {
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

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport")
    @ConditionalOnProperty(
            prefix = "cache-audit.recording",
            name = "repository-writes",
            havingValue = "true",
            matchIfMissing = true)
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
    @ConditionalOnProperty(
            prefix = "cache-audit.recording",
            name = "repository-writes",
            havingValue = "true",
            matchIfMissing = true)
    static class HibernateConfiguration {

        @Bean
        static HibernateListenerRegistrar cacheAuditHibernateListenerRegistrar(
                ObjectProvider<CacheAudit> audit, ObjectProvider<TransactionProbe> transactions) {
            return new HibernateListenerRegistrar(audit, transactions);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(
            name = {
                "io.lettuce.core.event.command.CommandListener",
                "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory"
            })
    @ConditionalOnProperty(
            prefix = "cache-audit.recording",
            name = "redis-commands",
            havingValue = "true",
            matchIfMissing = true)
    static class LettuceConfiguration {

        @Bean
        @ConditionalOnMissingBean
        LettuceCommandRecorder cacheAuditLettuceCommandRecorder(CacheAudit audit, CacheAuditProperties properties) {
            return new LettuceCommandRecorder(audit, properties.getRecording().getHitSampleRate());
        }

        @Bean
        static LettuceListenerRegistrar cacheAuditLettuceListenerRegistrar(
                ObjectProvider<LettuceCommandRecorder> recorder) {
            return new LettuceListenerRegistrar(recorder);
        }
    }
}
