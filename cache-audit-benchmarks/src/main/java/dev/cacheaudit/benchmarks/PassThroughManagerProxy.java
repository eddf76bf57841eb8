package dev.cacheaudit.benchmarks;

import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * Proxies every {@link CacheManager} as cache-audit's {@code AuditingCacheManagerPostProcessor} does (a class-based
 * {@link ProxyFactory} proxy with one interceptor that looks the returned cache up in a map), but hands back the
 * cache itself: what remains is the price of the proxy alone.
 */
final class PassThroughManagerProxy implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof CacheManager manager)) {
            return bean;
        }
        ProxyFactory factory = new ProxyFactory(manager);
        factory.addAdvice(new SameCacheInterceptor());
        factory.setProxyTargetClass(!Modifier.isFinal(bean.getClass().getModifiers()));
        return factory.getProxy(bean.getClass().getClassLoader());
    }

    private static final class SameCacheInterceptor implements MethodInterceptor {

        private final Map<String, Cache> seen = new ConcurrentHashMap<>();

        @Override
        public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
            Object result = invocation.proceed();
            if (result instanceof Cache cache
                    && "getCache".equals(invocation.getMethod().getName())) {
                Cache known = seen.get(cache.getName());
                if (known == cache) {
                    return known;
                }
                seen.put(cache.getName(), cache);
            }
            return result;
        }
    }
}
