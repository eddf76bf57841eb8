package dev.cacheaudit.autoconfigure.cache;

import dev.cacheaudit.autoconfigure.support.CallSites;
import dev.cacheaudit.autoconfigure.support.Invocation;
import java.lang.reflect.Method;
import java.util.Collection;
import org.aopalliance.aop.Advice;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.cache.annotation.AnnotationCacheOperationSource;
import org.springframework.cache.config.CacheManagementConfigUtils;
import org.springframework.cache.interceptor.CacheOperation;
import org.springframework.cache.interceptor.CacheOperationSource;
import org.springframework.core.Ordered;

/**
 * Advice around every method that carries cache operations ({@code @Cacheable}, {@code @CachePut},
 * {@code @CacheEvict}, {@code @Caching}, on classes, interfaces and Spring Data repositories alike), ordered just
 * outside Spring's cache interceptor so that hits are seen too. It only notes, in a thread-local, which method is
 * running; the cache decorator ties the operations to it. The methods it applies to are exactly those Spring's own
 * {@link CacheOperationSource} reports.
 */
public final class CacheInvocationAdvisor extends AbstractPointcutAdvisor {

    /**
     * Spring's own parser of cache annotations, configured as {@code @EnableCaching} configures it. A separate
     * instance, because asking the container for its one while proxies are being created would be circular.
     */
    private final CacheOperationSource operationSource = new AnnotationCacheOperationSource(false);

    private final BeanFactory beanFactory;

    private volatile @Nullable Integer resolvedOrder;

    private final Pointcut pointcut = new StaticMethodMatcherPointcut() {
        @Override
        public boolean matches(Method method, Class<?> targetClass) {
            CacheOperationSource source = operationSource;
            if (!source.isCandidateClass(targetClass)) {
                return false;
            }
            Collection<CacheOperation> operations = source.getCacheOperations(method, targetClass);
            return operations != null && !operations.isEmpty();
        }
    };

    private final Advice advice = new InvocationInterceptor();

    public CacheInvocationAdvisor(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public Pointcut getPointcut() {
        return pointcut;
    }

    @Override
    public Advice getAdvice() {
        return advice;
    }

    /**
     * One step outside Spring's cache advisor, whatever order {@code @EnableCaching} gave it. The order is read from
     * Spring's advisor once it exists; it is never created from here, which would be circular while proxies are being
     * made. Until then the default order of {@code @EnableCaching} is assumed.
     */
    @Override
    public int getOrder() {
        Integer order = resolvedOrder;
        if (order != null) {
            return order;
        }
        if (beanFactory instanceof ConfigurableListableBeanFactory factory
                && factory.containsSingleton(CacheManagementConfigUtils.CACHE_ADVISOR_BEAN_NAME)
                && factory.getSingleton(CacheManagementConfigUtils.CACHE_ADVISOR_BEAN_NAME) instanceof Ordered spring) {
            int springOrder = spring.getOrder();
            order = springOrder == Ordered.HIGHEST_PRECEDENCE ? springOrder : springOrder - 1;
            resolvedOrder = order;
            return order;
        }
        return Ordered.LOWEST_PRECEDENCE - 1;
    }

    private static final class InvocationInterceptor implements MethodInterceptor {

        @Override
        public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
            Invocation previous = Invocation.enter(CallSites.of(invocation.getMethod()));
            try {
                return invocation.proceed();
            } finally {
                Invocation.exit(previous);
            }
        }
    }
}
