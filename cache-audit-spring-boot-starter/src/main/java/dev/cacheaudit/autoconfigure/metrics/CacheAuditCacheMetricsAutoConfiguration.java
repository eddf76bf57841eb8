package dev.cacheaudit.autoconfigure.metrics;

import dev.cacheaudit.autoconfigure.CacheAuditAutoConfiguration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * Keeps Boot's cache meters on audited caches: registers {@link AuditedCacheMeterBinderProvider} under the
 * {@code CacheMeterBinderProvider} type of the Boot line present (4.0, or 3.5 with Actuator). Without Micrometer, or
 * without Boot's cache metrics, there is nothing to keep and nothing is registered. Also binds
 * {@link CacheAuditMetricsProperties}.
 */
@AutoConfiguration(
        after = CacheAuditAutoConfiguration.class,
        beforeName = {
            "org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.metrics.cache.CacheMetricsAutoConfiguration"
        })
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnProperty(prefix = "cache-audit", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(CacheAuditMetricsProperties.class)
@Import(CacheAuditCacheMetricsAutoConfiguration.ProviderRegistrar.class)
public class CacheAuditCacheMetricsAutoConfiguration {

    /** The provider interface of Boot 4.0, then of Boot 3.5. */
    static final String[] PROVIDER_TYPES = {
        "org.springframework.boot.cache.metrics.CacheMeterBinderProvider",
        "org.springframework.boot.actuate.metrics.cache.CacheMeterBinderProvider"
    };

    static final String BEAN_NAME = "cacheAuditCacheMeterBinderProvider";

    static final class ProviderRegistrar
            implements ImportBeanDefinitionRegistrar, BeanFactoryAware, BeanClassLoaderAware {

        private @Nullable BeanFactory beanFactory;

        private @Nullable ClassLoader classLoader;

        @Override
        public void setBeanClassLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
        }

        @Override
        public void setBeanFactory(BeanFactory beanFactory) {
            this.beanFactory = beanFactory;
        }

        @Override
        public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
            ClassLoader classLoader =
                    this.classLoader != null ? this.classLoader : getClass().getClassLoader();
            for (String name : PROVIDER_TYPES) {
                if (ClassUtils.isPresent(name, classLoader) && !registry.containsBeanDefinition(BEAN_NAME)) {
                    @SuppressWarnings("unchecked")
                    Class<Object> type = (Class<Object>) ClassUtils.resolveClassName(name, classLoader);
                    BeanFactory factory = Objects.requireNonNull(beanFactory);
                    // The type is declared on the definition so that Boot's registrar finds the provider by type.
                    RootBeanDefinition definition = new RootBeanDefinition(
                            type,
                            () -> AuditedCacheMeterBinderProvider.create(
                                    type, () -> factory.getBeanProvider(type).orderedStream()));
                    definition.setRole(RootBeanDefinition.ROLE_INFRASTRUCTURE);
                    registry.registerBeanDefinition(BEAN_NAME, definition);
                }
            }
        }
    }
}
