package dev.cacheaudit.autoconfigure.cache;

import dev.cacheaudit.core.CacheAudit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.cache.interceptor.CacheInterceptor;

/**
 * Puts a {@link RecordingCacheErrorHandler} around the error handler of Spring's cache interceptors (the default one,
 * which rethrows, or the one a {@code CachingConfigurer} supplies), so that failures a handler swallows are seen.
 * Done once every singleton exists: the interceptor is infrastructure that is often created before any post-processor
 * of ours could see it.
 */
public final class CacheErrorHandlerDecorator implements SmartInitializingSingleton {

    private final ObjectProvider<CacheInterceptor> interceptors;

    private final CacheAudit audit;

    public CacheErrorHandlerDecorator(ObjectProvider<CacheInterceptor> interceptors, CacheAudit audit) {
        this.interceptors = interceptors;
        this.audit = audit;
    }

    @Override
    public void afterSingletonsInstantiated() {
        interceptors.orderedStream().forEach(interceptor -> {
            CacheErrorHandler handler = interceptor.getErrorHandler();
            if (!(handler instanceof RecordingCacheErrorHandler)) {
                interceptor.setErrorHandler(new RecordingCacheErrorHandler(handler, audit));
            }
        });
    }
}
