package dev.cacheaudit.sample;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.cache.annotation.AnnotationCacheOperationSource;
import org.springframework.cache.interceptor.CacheOperationSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Role;

/**
 * Works around a start-up failure of cache-audit 0.1.0 and is to be deleted once the starter is fixed: the starter's
 * {@code CacheInvocationAdvisor} looks up the {@link CacheOperationSource} bean while Spring's
 * {@code ProxyCachingConfiguration}, which defines that bean, is itself being proxied, and start-up fails with a
 * {@code BeanCurrentlyInCreationException}. A primary source that does not depend on that configuration breaks the
 * cycle; Spring's cache advisor uses it too, with the same settings as its own.
 */
@Configuration(proxyBeanMethods = false)
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
class StarterWorkaround {

    @Bean
    @Primary
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static CacheOperationSource sampleCacheOperationSource() {
        return new AnnotationCacheOperationSource(false);
    }
}
