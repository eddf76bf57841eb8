package dev.cacheaudit.autoconfigure.verify;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Finds the transaction manager that owns the data a verification read touches, the way Spring itself would pick it
 * for the reading method: the manager named for the cache by {@code cache-audit.caches.<name>.transaction-manager};
 * otherwise, for a transactional method, the one its proxy's transaction interceptor would use (the qualifier of its
 * {@code @Transactional}, the interceptor's own manager — a Spring Data repository's {@code transactionManagerRef} —
 * or the default one); otherwise the only manager there is. Where none of these decides, the owner is unknown.
 */
final class TransactionOwners {

    private static final TransactionAttributeSource ANNOTATIONS = new AnnotationTransactionAttributeSource();

    private final ListableBeanFactory beans;

    private final Map<String, String> byCache;

    private final Map<Method, Map<Class<?>, Owner>> resolved = new ConcurrentHashMap<>();

    /**
     * @param beans where the transaction managers are
     * @param byCache transaction manager bean names, by cache, set by configuration
     */
    TransactionOwners(ListableBeanFactory beans, Map<String, String> byCache) {
        this.beans = beans;
        this.byCache = Map.copyOf(byCache);
    }

    /** The manager that owns the data the method of the bean reads for the cache, or why it is not known. */
    Owner ownerOf(String cache, Object bean, Method method) {
        String named = byCache.get(cache);
        if (named != null) {
            return Owner.of(beans.getBean(named, PlatformTransactionManager.class));
        }
        Class<?> targetClass = AopUtils.getTargetClass(bean);
        return resolved.computeIfAbsent(method, m -> new ConcurrentHashMap<>())
                .computeIfAbsent(targetClass, type -> resolve(bean, method, type));
    }

    /** The names of all transaction managers. */
    String[] managers() {
        return beans.getBeanNamesForType(PlatformTransactionManager.class, false, false);
    }

    PlatformTransactionManager manager(String name) {
        return beans.getBean(name, PlatformTransactionManager.class);
    }

    private Owner resolve(Object bean, Method method, Class<?> targetClass) {
        try {
            TransactionInterceptor interceptor = interceptorOf(bean);
            TransactionAttributeSource source =
                    interceptor != null && interceptor.getTransactionAttributeSource() != null
                            ? interceptor.getTransactionAttributeSource()
                            : ANNOTATIONS;
            TransactionAttribute attribute = source.getTransactionAttribute(method, targetClass);
            if (attribute == null && source != ANNOTATIONS) {
                attribute = ANNOTATIONS.getTransactionAttribute(method, targetClass);
            }
            if (attribute != null) {
                return asOwner(chosenFor(attribute, interceptor));
            }
            String[] managers = managers();
            return managers.length == 1 ? Owner.of(manager(managers[0])) : Owner.UNKNOWN;
        } catch (BeansException ex) {
            return Owner.UNKNOWN;
        }
    }

    /** What {@code TransactionAspectSupport#determineTransactionManager} would choose. */
    private TransactionManager chosenFor(TransactionAttribute attribute, @Nullable TransactionInterceptor interceptor) {
        String qualifier = attribute.getQualifier();
        if (StringUtils.hasText(qualifier)) {
            return BeanFactoryAnnotationUtils.qualifiedBeanOfType(beans, TransactionManager.class, qualifier);
        }
        if (interceptor != null) {
            String name = managerBeanNameOf(interceptor);
            if (StringUtils.hasText(name)) {
                return beans.getBean(name, TransactionManager.class);
            }
            TransactionManager own = interceptor.getTransactionManager();
            if (own != null) {
                return own;
            }
        }
        return beans.getBean(TransactionManager.class);
    }

    /**
     * The manager bean name set on an interceptor — how Spring Data names a repository's {@code transactionManagerRef}
     * — read through its protected getter, which is the only way to it.
     */
    private static @Nullable String managerBeanNameOf(TransactionInterceptor interceptor) {
        Method getter = ReflectionUtils.findMethod(TransactionAspectSupport.class, "getTransactionManagerBeanName");
        if (getter == null) {
            return null;
        }
        try {
            ReflectionUtils.makeAccessible(getter);
            return (String) getter.invoke(interceptor);
        } catch (ReflectiveOperationException | RuntimeException ex) {
            return null;
        }
    }

    private static Owner asOwner(TransactionManager manager) {
        return manager instanceof PlatformTransactionManager platform ? Owner.of(platform) : Owner.UNKNOWN;
    }

    private static @Nullable TransactionInterceptor interceptorOf(Object bean) {
        if (bean instanceof Advised advised) {
            for (Advisor advisor : advised.getAdvisors()) {
                if (advisor.getAdvice() instanceof TransactionInterceptor interceptor) {
                    return interceptor;
                }
            }
        }
        return null;
    }

    /**
     * The owner of a read's data.
     *
     * @param manager the transaction manager, {@code null} when it is not known
     */
    record Owner(@Nullable PlatformTransactionManager manager) {

        static final Owner UNKNOWN = new Owner(null);

        static Owner of(PlatformTransactionManager manager) {
            return new Owner(manager);
        }
    }
}
