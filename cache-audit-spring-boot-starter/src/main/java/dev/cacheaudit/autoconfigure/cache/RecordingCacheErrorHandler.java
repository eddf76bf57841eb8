package dev.cacheaudit.autoconfigure.cache;

import dev.cacheaudit.autoconfigure.support.CallSites;
import dev.cacheaudit.autoconfigure.support.Invocation;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.CacheError;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;
import org.springframework.cache.interceptor.CacheErrorHandler;

/**
 * Wraps the application's {@link CacheErrorHandler} and keeps its behaviour exactly: every call is passed on, and
 * whatever it throws is thrown. When the handler returns normally, the failure was swallowed — the application goes on
 * as if the operation had succeeded — and that is recorded.
 */
final class RecordingCacheErrorHandler implements CacheErrorHandler {

    private final CacheErrorHandler delegate;

    private final CacheAudit audit;

    RecordingCacheErrorHandler(CacheErrorHandler delegate, CacheAudit audit) {
        this.delegate = delegate;
        this.audit = audit;
    }

    CacheErrorHandler delegate() {
        return delegate;
    }

    @Override
    public void handleCacheGetError(RuntimeException exception, Cache cache, Object key) {
        delegate.handleCacheGetError(exception, cache, key);
        swallowed(exception, cache, "get", key);
    }

    @Override
    public void handleCachePutError(RuntimeException exception, Cache cache, Object key, @Nullable Object value) {
        delegate.handleCachePutError(exception, cache, key, value);
        swallowed(exception, cache, "put", key);
    }

    @Override
    public void handleCacheEvictError(RuntimeException exception, Cache cache, Object key) {
        delegate.handleCacheEvictError(exception, cache, key);
        swallowed(exception, cache, "evict", key);
    }

    @Override
    public void handleCacheClearError(RuntimeException exception, Cache cache) {
        delegate.handleCacheClearError(exception, cache);
        swallowed(exception, cache, "clear", null);
    }

    private void swallowed(RuntimeException exception, Cache cache, String operation, @Nullable Object key) {
        try {
            Invocation invocation = Invocation.current();
            String site = invocation != null ? invocation.site() : CallSites.firstApplicationFrame();
            audit.submit(new CacheError(
                    cache.getName(), operation, key, exception.getClass().getName(), true, site, audit.nanoTime()));
        } catch (Throwable ex) {
            audit.recordingFailed("a failure swallowed by a CacheErrorHandler", ex);
        }
    }
}
