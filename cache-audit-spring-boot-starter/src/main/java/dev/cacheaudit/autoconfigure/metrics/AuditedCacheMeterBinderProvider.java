package dev.cacheaudit.autoconfigure.metrics;

import dev.cacheaudit.autoconfigure.cache.AuditingCache;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.cache.Cache;
import org.springframework.cache.transaction.TransactionAwareCacheDecorator;

/**
 * A Boot {@code CacheMeterBinderProvider} for {@link AuditingCache}: it hands the audited cache's target to the other
 * providers, so that the meters Boot binds for a Redis, Caffeine, JCache, Hazelcast or Cache2k cache
 * ({@code cache.gets}, {@code cache.puts}, {@code cache.removals}, ...) are exactly those it binds without the starter,
 * with the same tags. Boot's {@code CacheMetricsRegistrar} only unwraps {@code TransactionAwareCacheDecorator} and its
 * providers match the concrete cache class, so without this the decorator would silently remove those meters.
 *
 * <p>The provider interface moved between Boot lines ({@code org.springframework.boot.actuate.metrics.cache} in 3.5,
 * {@code org.springframework.boot.cache.metrics} in 4.0); the provider is a JDK proxy of whichever is present, so one
 * jar serves both. Its type argument cannot be resolved, so Boot offers it every cache: it answers {@code null} for any
 * cache that is not audited, as Boot expects of a provider that does not apply.
 */
final class AuditedCacheMeterBinderProvider implements InvocationHandler {

    private final Class<Object> providerType;

    private final Method getMeterBinder;

    private final Supplier<Stream<Object>> providers;

    private AuditedCacheMeterBinderProvider(Class<Object> providerType, Supplier<Stream<Object>> providers) {
        this.providerType = providerType;
        this.providers = providers;
        try {
            this.getMeterBinder = providerType.getMethod("getMeterBinder", Cache.class, Iterable.class);
        } catch (NoSuchMethodException ex) {
            throw new IllegalStateException("Unexpected CacheMeterBinderProvider contract: " + providerType, ex);
        }
    }

    /**
     * A provider implementing {@code providerType} that delegates to the other providers that {@code providers}
     * supplies (it skips itself).
     */
    static Object create(Class<Object> providerType, Supplier<Stream<Object>> providers) {
        return Proxy.newProxyInstance(
                providerType.getClassLoader(),
                new Class<?>[] {providerType},
                new AuditedCacheMeterBinderProvider(providerType, providers));
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
        return switch (method.getName()) {
            case "getMeterBinder" -> meterBinder(proxy, Objects.requireNonNull(args));
            case "equals" -> args != null && proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "AuditedCacheMeterBinderProvider";
            default -> throw new UnsupportedOperationException(method.toString());
        };
    }

    private @Nullable Object meterBinder(Object self, @Nullable Object[] args) {
        if (!(args[0] instanceof AuditingCache audited)) {
            return null;
        }
        Cache target = unwrap(audited.getTargetCache());
        Object tags = Objects.requireNonNull(args[1]);
        List<Object> others =
                providers.get().filter(provider -> provider != self).toList();
        // LambdaSafe is how Boot's registrar picks a provider: by its resolved type argument, then by trying.
        return LambdaSafe.callbacks(providerType, others, target)
                .withLogger(AuditedCacheMeterBinderProvider.class)
                .invokeAnd(provider -> invokeProvider(provider, target, tags))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    private @Nullable Object invokeProvider(Object provider, Cache target, Object tags) {
        try {
            return getMeterBinder.invoke(provider, target, tags);
        } catch (InvocationTargetException ex) {
            // A ClassCastException must reach LambdaSafe as such: it means "this provider is for another cache".
            if (ex.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(ex.getCause());
        } catch (IllegalAccessException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Cache unwrap(Cache cache) {
        Cache current = cache;
        while (true) {
            if (current instanceof AuditingCache audited) {
                current = audited.getTargetCache();
            } else if (current instanceof TransactionAwareCacheDecorator decorator) {
                current = decorator.getTargetCache();
            } else {
                return current;
            }
        }
    }
}
