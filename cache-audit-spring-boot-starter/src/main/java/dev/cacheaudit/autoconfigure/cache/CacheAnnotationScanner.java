package dev.cacheaudit.autoconfigure.cache;

import dev.cacheaudit.autoconfigure.support.CallSites;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.DeclaredOperations;
import dev.cacheaudit.core.event.DeclaredOperations.Declared;
import dev.cacheaudit.core.event.DeclaredOperations.Holding;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.cache.annotation.AnnotationCacheOperationSource;
import org.springframework.cache.interceptor.CacheEvictOperation;
import org.springframework.cache.interceptor.CacheOperation;
import org.springframework.cache.interceptor.CacheOperationSource;
import org.springframework.cache.interceptor.CachePutOperation;
import org.springframework.cache.interceptor.CacheableOperation;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Once every singleton exists, reads the cache annotations of every application bean (Spring Data repository
 * interfaces included) through Spring's own {@link CacheOperationSource}, and hands the declared operations to the
 * engine for start-up analysis. Runs once, at start-up, off any request path.
 */
public final class CacheAnnotationScanner implements SmartInitializingSingleton {

    private final ConfigurableListableBeanFactory beanFactory;

    private final CacheAudit audit;

    private final CacheOperationSource source = new AnnotationCacheOperationSource(false);

    private final Map<String, List<String>> configuredEntities;

    /**
     * @param beanFactory where the application's beans are
     * @param audit where the declared operations go
     * @param configuredEntities entity class names by cache, from {@code cache-audit.caches.<name>.entity}
     */
    public CacheAnnotationScanner(
            ConfigurableListableBeanFactory beanFactory,
            CacheAudit audit,
            Map<String, List<String>> configuredEntities) {
        this.beanFactory = beanFactory;
        this.audit = audit;
        this.configuredEntities = configuredEntities;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<Declared> declared = new ArrayList<>();
        Set<Holding> holdings = new LinkedHashSet<>();
        configuredEntities.forEach((cache, entities) ->
                entities.forEach(entity -> holdings.add(new Holding(cache, entity, "configuration"))));
        Set<Class<?>> seen = new HashSet<>();
        for (String name : beanFactory.getBeanDefinitionNames()) {
            try {
                if (beanFactory.getBeanDefinition(name).getRole() != BeanDefinition.ROLE_APPLICATION) {
                    continue;
                }
                Class<?> type = beanFactory.getType(name, false);
                if (type == null) {
                    continue;
                }
                for (Class<?> candidate : candidates(type)) {
                    if (seen.add(candidate) && source.isCandidateClass(candidate)) {
                        scan(candidate, declared, holdings);
                    }
                }
            } catch (RuntimeException | LinkageError ex) {
                // A bean whose type cannot be read is simply not analysed.
                audit.recordingFailed("the cache annotations of a bean", ex);
            }
        }
        if (!declared.isEmpty() || !holdings.isEmpty()) {
            audit.submit(new DeclaredOperations(declared, new ArrayList<>(holdings), audit.nanoTime()));
        }
    }

    /** The user class of a bean, or the interfaces of a JDK proxy (such as a Spring Data repository). */
    private static List<Class<?>> candidates(Class<?> type) {
        Class<?> user = ClassUtils.getUserClass(type);
        if (java.lang.reflect.Proxy.isProxyClass(user) || user.getName().startsWith("jdk.proxy")) {
            return Arrays.stream(user.getInterfaces())
                    .filter(i -> !i.getName().startsWith("org.springframework."))
                    .toList();
        }
        return List.of(user);
    }

    private void scan(Class<?> type, List<Declared> declared, Set<Holding> holdings) {
        for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS)) {
            Collection<CacheOperation> operations = source.getCacheOperations(method, type);
            if (operations == null) {
                continue;
            }
            List<String> parameterTypes = Arrays.stream(method.getParameterTypes())
                    .map(Class::getSimpleName)
                    .toList();
            String site = CallSites.of(method);
            for (CacheOperation operation : operations) {
                DeclaredOperations.Kind kind = kind(operation);
                if (kind == null) {
                    continue;
                }
                String keyGenerator =
                        StringUtils.hasText(operation.getKeyGenerator()) ? operation.getKeyGenerator() : null;
                Class<?> entity = kind == DeclaredOperations.Kind.READ ? EntityTypes.heldBy(method, type) : null;
                for (String cache : operation.getCacheNames()) {
                    declared.add(new Declared(cache, kind, operation.getKey(), keyGenerator, parameterTypes, site));
                    if (entity != null) {
                        holdings.add(new Holding(cache, entity.getName(), "return-type"));
                    }
                }
            }
        }
    }

    private static DeclaredOperations.@org.jspecify.annotations.Nullable Kind kind(CacheOperation operation) {
        if (operation instanceof CacheableOperation) {
            return DeclaredOperations.Kind.READ;
        }
        if (operation instanceof CachePutOperation) {
            return DeclaredOperations.Kind.PUT;
        }
        if (operation instanceof CacheEvictOperation evict) {
            return evict.isCacheWide() ? DeclaredOperations.Kind.CLEAR : DeclaredOperations.Kind.EVICT;
        }
        return null;
    }
}
