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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cache.interceptor.BeanFactoryCacheOperationSourceAdvisor;
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

    private final ObjectProvider<CacheOperationSource> operationSource;

    private final ObjectProvider<BeanFactoryCacheOperationSourceAdvisor> cacheAdvisor;

    private final Pointcut pointcut = new StaticMethodMatcherPointcut() {
        @Override
        public boolean matches(Method method, Class<?> targetClass) {
            CacheOperationSource source = operationSource.getIfAvailable();
            if (source == null || !source.isCandidateClass(targetClass)) {
                return false;
            }
            Collection<CacheOperation> operations = source.getCacheOperations(method, targetClass);
            return operations != null && !operations.isEmpty();
        }
    };

    private final Advice advice = new InvocationInterceptor();

    public CacheInvocationAdvisor(
            ObjectProvider<CacheOperationSource> operationSource,
            ObjectProvider<BeanFactoryCacheOperationSourceAdvisor> cacheAdvisor) {
        this.operationSource = operationSource;
        this.cacheAdvisor = cacheAdvisor;
    }

    @Override
    public Pointcut getPointcut() {
        return pointcut;
    }

    @Override
    public Advice getAdvice() {
        return advice;
    }

    /** One step outside Spring's cache advisor, whatever order {@code @EnableCaching} gave it. */
    @Override
    public int getOrder() {
        BeanFactoryCacheOperationSourceAdvisor spring = cacheAdvisor.getIfAvailable();
        int springOrder = spring != null ? spring.getOrder() : Ordered.LOWEST_PRECEDENCE;
        return springOrder == Ordered.HIGHEST_PRECEDENCE ? springOrder : springOrder - 1;
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
