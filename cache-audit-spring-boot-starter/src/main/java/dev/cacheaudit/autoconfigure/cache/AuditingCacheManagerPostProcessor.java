package dev.cacheaudit.autoconfigure.cache;

import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * Decorates every {@link CacheManager} bean so that every {@link Cache} it hands out, including caches created
 * lazily, is an {@link AuditingCache}. The manager is proxied by class where it can be, so that beans injected by the
 * manager's concrete type ({@code RedisCacheManager}, say) keep working.
 */
public final class AuditingCacheManagerPostProcessor implements BeanPostProcessor {

    private static final Logger logger = LoggerFactory.getLogger(AuditingCacheManagerPostProcessor.class);

    private final ObjectProvider<CacheRecorder> recorder;

    public AuditingCacheManagerPostProcessor(ObjectProvider<CacheRecorder> recorder) {
        this.recorder = recorder;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof CacheManager manager) || isAudited(bean)) {
            return bean;
        }
        ProxyFactory factory = new ProxyFactory(manager);
        factory.addInterface(AuditedCacheManager.class);
        factory.addAdvice(new GetCacheInterceptor(recorder));
        boolean byClass = !Modifier.isFinal(bean.getClass().getModifiers());
        factory.setProxyTargetClass(byClass);
        try {
            return factory.getProxy(bean.getClass().getClassLoader());
        } catch (RuntimeException ex) {
            logger.info(
                    "cache-audit: proxying cache manager '{}' by class failed ({}); using its CacheManager interface",
                    beanName,
                    ex.toString());
            factory.setProxyTargetClass(false);
            return factory.getProxy(bean.getClass().getClassLoader());
        }
    }

    private static boolean isAudited(Object bean) {
        return bean instanceof AuditedCacheManager;
    }

    /** Marks a cache manager that is already decorated. */
    public interface AuditedCacheManager {}

    private static final class GetCacheInterceptor implements MethodInterceptor {

        private final ObjectProvider<CacheRecorder> recorder;

        private final Map<String, AuditingCache> decorated = new ConcurrentHashMap<>();

        GetCacheInterceptor(ObjectProvider<CacheRecorder> recorder) {
            this.recorder = recorder;
        }

        @Override
        public @Nullable Object invoke(org.aopalliance.intercept.MethodInvocation invocation) throws Throwable {
            Object result = invocation.proceed();
            if (result instanceof Cache cache
                    && !(cache instanceof AuditingCache)
                    && "getCache".equals(invocation.getMethod().getName())) {
                return decorate(cache);
            }
            return result;
        }

        private Cache decorate(Cache cache) {
            AuditingCache existing = decorated.get(cache.getName());
            if (existing != null && existing.getTargetCache() == cache) {
                return existing;
            }
            CacheRecorder current = recorder.getIfAvailable();
            if (current == null) {
                return cache;
            }
            AuditingCache created = new AuditingCache(cache, current);
            decorated.put(cache.getName(), created);
            return created;
        }
    }
}
