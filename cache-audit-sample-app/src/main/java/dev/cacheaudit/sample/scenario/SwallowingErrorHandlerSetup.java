package dev.cacheaudit.sample.scenario;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.cache.interceptor.LoggingCacheErrorHandler;
import org.springframework.context.annotation.Configuration;

/**
 * The error handler of the {@code swallowed-evict} bug: cache failures are logged and otherwise ignored, "so that a
 * cache outage never breaks a request" — and so a failed eviction goes unnoticed. The fix has no such handler: Spring's
 * default rethrows.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${sample.bugs:}'.contains('" + SwallowedEvictScenario.ID + "')")
class SwallowingErrorHandlerSetup implements CachingConfigurer {

    @Override
    public CacheErrorHandler errorHandler() {
        return new LoggingCacheErrorHandler();
    }
}
