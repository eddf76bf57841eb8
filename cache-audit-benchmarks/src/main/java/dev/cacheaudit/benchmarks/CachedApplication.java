package dev.cacheaudit.benchmarks;

import dev.cacheaudit.autoconfigure.cache.AuditingCache;
import dev.cacheaudit.autoconfigure.cache.InvocationTracking;
import dev.cacheaudit.core.CacheAudit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.aop.framework.Advised;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.cache.RedisCacheManager;

/**
 * A running benchmark application: started with the chosen backend and auditing, checked to be wired as expected
 * (a benchmark that silently measured the wrong thing would be worse than none), and warmed so that every call of
 * {@link ItemService#find(long)} is a cache hit.
 */
final class CachedApplication implements AutoCloseable {

    static final String CACHE = "items";

    private final ConfigurableApplicationContext context;

    private final ItemService service;

    private final Auditing auditing;

    private long loadsAfterPopulate;

    private CachedApplication(ConfigurableApplicationContext context, Auditing auditing) {
        this.context = context;
        this.service = context.getBean(ItemService.class);
        this.auditing = auditing;
    }

    static CachedApplication start(Backend backend, Auditing auditing) {
        if (backend == Backend.REDIS) {
            RedisProbe.requireReachable();
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.main.web-application-type", "none");
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.main.log-startup-info", "false");
        properties.put("logging.level.root", "WARN");
        properties.put("spring.application.name", "cache-audit-benchmarks");
        properties.put("spring.cache.cache-names", CACHE);
        properties.putAll(backend.properties());
        properties.putAll(auditing.properties());
        SpringApplicationBuilder builder =
                new SpringApplicationBuilder(BenchmarkApplication.class).properties(properties);
        String removedBean = auditing.removedBean();
        if (removedBean != null) {
            // Runs after the auto-configurations have registered their beans and before any is created.
            builder.initializers(context -> context.addBeanFactoryPostProcessor(
                    beanFactory -> ((BeanDefinitionRegistry) beanFactory).removeBeanDefinition(removedBean)));
        }
        if (auditing.passThroughManagerProxy()) {
            builder.initializers(context -> context.addBeanFactoryPostProcessor(
                    beanFactory -> beanFactory.addBeanPostProcessor(new PassThroughManagerProxy())));
        }
        CachedApplication application = new CachedApplication(builder.run(), auditing);
        try {
            application.verifyWiring(backend);
            application.populate();
        } catch (RuntimeException ex) {
            application.close();
            throw ex;
        }
        return application;
    }

    ItemService service() {
        return service;
    }

    private CacheManager cacheManager() {
        return context.getBean(CacheManager.class);
    }

    private Cache cache() {
        return Objects.requireNonNull(cacheManager().getCache(CACHE), "no cache named " + CACHE);
    }

    private void verifyWiring(Backend backend) {
        CacheManager manager = cacheManager();
        Class<?> expectedManager = backend == Backend.REDIS ? RedisCacheManager.class : ConcurrentMapCacheManager.class;
        check(
                expectedManager.isInstance(manager),
                "the cache manager is " + manager.getClass().getName());
        boolean decorated = cache() instanceof AuditingCache;
        check(
                decorated == auditing.decoratesCaches(),
                "cache '" + CACHE + "' is " + (decorated ? "" : "not ") + "an AuditingCache");
        check(service instanceof Advised, "ItemService is not proxied; @EnableCaching did not apply");
        boolean advised = Arrays.stream(((Advised) service).getAdvisors())
                .anyMatch(advisor -> advisor.getAdvice() instanceof InvocationTracking);
        check(
                advised == auditing.advisesMethods(),
                "ItemService's cache interceptor is " + (advised ? "" : "not ") + "wrapped in InvocationTracking");
        check(
                context.getBeansOfType(CacheAudit.class).isEmpty()
                        == (auditing == Auditing.OFF || auditing == Auditing.MANAGER_PROXY_ONLY),
                "CacheAudit bean presence does not match " + auditing);
    }

    private void check(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException("Benchmark wiring is not " + auditing + ": " + problem);
        }
    }

    /** Loads every id, then waits until a full pass loads nothing (Redis puts are asynchronous on Boot 4). */
    private void populate() {
        cache().clear();
        for (int attempt = 0; attempt < 100; attempt++) {
            long before = service.loads();
            for (long id = 0; id < KeyCursor.KEYS; id++) {
                service.find(id);
            }
            if (attempt > 0 && service.loads() == before) {
                loadsAfterPopulate = before;
                return;
            }
            sleep(50);
        }
        throw new IllegalStateException("the cache did not keep its entries: calls keep loading");
    }

    /** Fails the trial if a measured call was not a hit, or if an audited run recorded no hit. */
    void verifyAfterMeasurement() {
        long misses = service.loads() - loadsAfterPopulate;
        check(misses == 0, misses + " measured calls were cache misses");
        if (auditing.decoratesCaches()) {
            long hits = context.getBean(CacheAudit.class).counters(CACHE).hits();
            check(hits > 0, "cache-audit recorded no hit");
        }
    }

    @Override
    public void close() {
        try {
            cache().clear();
        } finally {
            context.close();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
