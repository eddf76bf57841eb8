package dev.cacheaudit.autoconfigure;

import dev.cacheaudit.autoconfigure.cache.SimpleKeyDecomposer;
import dev.cacheaudit.autoconfigure.verify.SpringVerificationBackend;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.detect.Detector;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of cache-audit: the engine and the report at shutdown, and, through one configuration per concern
 * beside what it wires, the recording of cache operations, transactions, repository writes and Redis commands, and
 * verification. Switched off with {@code cache-audit.enabled=false}. Optional integrations are named by string so that
 * the starter starts in an application that lacks them, on Spring Boot 3.5 and 4.0 alike.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "cache-audit", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(CacheAuditProperties.class)
@Import(ConcernConfigurationsImportSelector.class)
public class CacheAuditAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    CacheAudit cacheAudit(
            CacheAuditProperties properties,
            Environment environment,
            ObjectProvider<Detector> detectors,
            ObjectProvider<CacheAuditBuilderCustomizer> customizers,
            ObjectProvider<SpringVerificationBackend> verificationBackend) {
        String application = properties.getApplication() != null
                ? properties.getApplication()
                : environment.getProperty("spring.application.name", "application");
        CacheAudit.Builder builder = CacheAudit.builder()
                .application(application)
                .engine(properties.toEngineSettings(new SimpleKeyDecomposer()))
                .coverageWindow(properties.getCoverage().getWindow())
                .maxFindings(properties.getLimits().getMaxFindings());
        RedactionSettings.apply(properties.getRedaction(), builder);
        SpringVerificationBackend backend = verificationBackend.getIfAvailable();
        if (backend != null) {
            builder.verification(properties.toVerificationSettings(), backend, properties.hitEventRate());
        }
        detectors.orderedStream().forEach(builder::detector);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build().start();
    }

    @Bean
    @ConditionalOnProperty(prefix = "cache-audit.report", name = "path")
    CacheAuditReportLifecycle cacheAuditReportLifecycle(CacheAudit audit, CacheAuditProperties properties) {
        return new CacheAuditReportLifecycle(
                audit, Objects.requireNonNull(properties.getReport().getPath()));
    }
}
