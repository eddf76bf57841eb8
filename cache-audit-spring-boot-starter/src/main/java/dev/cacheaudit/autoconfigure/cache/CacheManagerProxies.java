package dev.cacheaudit.autoconfigure.cache;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cglib.proxy.Callback;
import org.springframework.cglib.proxy.CallbackFilter;
import org.springframework.cglib.proxy.Dispatcher;
import org.springframework.cglib.proxy.Enhancer;
import org.springframework.cglib.proxy.Factory;
import org.springframework.objenesis.SpringObjenesis;

/**
 * Makes the audited stand-in for a {@link CacheManager}. Spring's cache interceptor asks the manager for its caches on
 * every call, so this is on the hot path of every cache hit: the stand-in is a subclass of the manager's own class
 * (beans injected by the concrete type keep working) whose {@code getCache} calls the target directly and hands back
 * the audited cache, and whose every other method is dispatched straight to the target — no interceptor chain. Where
 * a subclass cannot be made (a final class), a plain interface proxy is used.
 */
final class CacheManagerProxies {

    private static final Logger logger = LoggerFactory.getLogger(CacheManagerProxies.class);

    private static final SpringObjenesis OBJENESIS = new SpringObjenesis();

    private static final Map<Class<?>, Class<?>> PROXY_CLASSES = new ConcurrentHashMap<>();

    private CacheManagerProxies() {}

    static Object proxy(CacheManager target, AuditingCaches caches, String beanName) {
        if (!Modifier.isFinal(target.getClass().getModifiers())) {
            try {
                return subclassProxy(target, caches);
            } catch (RuntimeException | LinkageError ex) {
                logger.info(
                        "cache-audit: cache manager '{}' cannot be subclassed ({}); auditing it through its"
                                + " CacheManager interface",
                        beanName,
                        ex.toString());
            }
        }
        ProxyFactory factory = new ProxyFactory(target);
        factory.addInterface(AuditingCacheManagerPostProcessor.AuditedCacheManager.class);
        factory.setProxyTargetClass(false);
        factory.addAdvice((MethodInterceptor) invocation -> {
            Object result = invocation.proceed();
            return "getCache".equals(invocation.getMethod().getName()) && result instanceof Cache cache
                    ? caches.decorate(cache)
                    : result;
        });
        return factory.getProxy(target.getClass().getClassLoader());
    }

    private static Object subclassProxy(CacheManager target, AuditingCaches caches) {
        Class<?> proxyClass = PROXY_CLASSES.computeIfAbsent(target.getClass(), CacheManagerProxies::proxyClass);
        Factory proxy = (Factory) OBJENESIS.newInstance(proxyClass, true);
        proxy.setCallbacks(new Callback[] {
            (Dispatcher) () -> target,
            (org.springframework.cglib.proxy.MethodInterceptor)
                    (object, method, args, methodProxy) -> getCache(target, caches, (String) args[0])
        });
        return proxy;
    }

    private static @Nullable Cache getCache(CacheManager target, AuditingCaches caches, String name) {
        Cache cache = target.getCache(name);
        return cache != null ? caches.decorate(cache) : null;
    }

    private static Class<?> proxyClass(Class<?> managerClass) {
        Enhancer enhancer = new Enhancer();
        enhancer.setSuperclass(managerClass);
        enhancer.setInterfaces(new Class<?>[] {AuditingCacheManagerPostProcessor.AuditedCacheManager.class});
        enhancer.setUseFactory(true);
        enhancer.setClassLoader(managerClass.getClassLoader());
        enhancer.setCallbackTypes(
                new Class<?>[] {Dispatcher.class, org.springframework.cglib.proxy.MethodInterceptor.class});
        enhancer.setCallbackFilter((CallbackFilter) CacheManagerProxies::isGetCache);
        return enhancer.createClass();
    }

    private static int isGetCache(Method method) {
        return method.getName().equals("getCache")
                        && method.getParameterCount() == 1
                        && method.getParameterTypes()[0] == String.class
                ? 1
                : 0;
    }
}
