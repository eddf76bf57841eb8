package dev.cacheaudit.autoconfigure.cache;

import dev.cacheaudit.autoconfigure.redis.LettuceCommandRecorder;
import dev.cacheaudit.autoconfigure.support.TransactionProbe;
import dev.cacheaudit.autoconfigure.testsupport.OwnRedisServer;
import dev.cacheaudit.autoconfigure.testsupport.RecordingDetector;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.detect.Detector;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ReflectionUtils;

/**
 * Two Redis caches of the same name on one connection to a Redis server of the test's own: one audited (the cache
 * decorator, with Lettuce's commands recorded too), one not, under different key prefixes. The same traffic runs on
 * both, step by step, so a fault hits both alike, and what the callers got is compared.
 */
final class RedisFaultRig implements AutoCloseable {

    static final String CACHE = "users";

    /** Short enough that a fault shows quickly, long enough for a loaded CI machine. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);

    final CacheAudit audit;

    final RecordingDetector recorded = new RecordingDetector();

    final LettuceConnectionFactory connectionFactory;

    final Cache audited;

    final Cache plain;

    private final ClientResources resources;

    RedisFaultRig(OwnRedisServer redis, @Nullable String user, @Nullable String password, Detector... detectors) {
        CacheAudit.Builder builder = CacheAudit.builder().withoutFindingLog().detector(recorded);
        for (Detector detector : detectors) {
            builder.detector(detector);
        }
        audit = builder.build().start();
        RedisStandaloneConfiguration server = new RedisStandaloneConfiguration(redis.host(), redis.port());
        if (user != null) {
            server.setUsername(user);
            server.setPassword(password);
        }
        // Reconnect every 100 ms rather than backing off to 30 s, so that "auditing resumes" is seen in seconds.
        resources = ClientResources.builder()
                .reconnectDelay(Delay.constant(Duration.ofMillis(100)))
                .build();
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .commandTimeout(COMMAND_TIMEOUT)
                .shutdownTimeout(Duration.ZERO)
                .clientResources(resources)
                .build();
        connectionFactory = new LettuceConnectionFactory(server, client);
        connectionFactory.afterPropertiesSet();
        connectionFactory.start();
        AbstractRedisClient native_ = Objects.requireNonNull(connectionFactory.getNativeClient());
        native_.addListener(new LettuceCommandRecorder(audit, 1.0));
        connectionFactory.resetConnection();
        audited = new AuditingCache(
                manager("audited").getCache(CACHE), new CacheRecorder(audit, TransactionProbe.NONE, 1.0));
        plain = manager("plain").getCache(CACHE);
        // The shared connection is opened by the first command: open it before any compared step.
        awaitRedis(Duration.ofSeconds(20));
    }

    private RedisCacheManager manager(String prefix) {
        RedisCacheConfiguration config = RedisCacheConfiguration.defaultCacheConfig(
                        getClass().getClassLoader())
                .computePrefixWith(name -> prefix + ":" + name + "::")
                .entryTtl(Duration.ofMinutes(5));
        RedisCacheManager manager = RedisCacheManager.builder(immediateWriter(connectionFactory))
                .cacheDefaults(config)
                .build();
        manager.afterPropertiesSet();
        return manager;
    }

    /** A writer whose puts and evictions complete before they return, so that their failures reach the caller. */
    static RedisCacheWriter immediateWriter(RedisConnectionFactory connectionFactory) {
        Method create = ReflectionUtils.findMethod(
                RedisCacheWriter.class, "create", RedisConnectionFactory.class, Consumer.class);
        if (create == null) {
            return RedisCacheWriter.nonLockingRedisCacheWriter(connectionFactory);
        }
        Consumer<Object> immediateWrites = configurer -> {
            Method immediate = Objects.requireNonNull(
                    ReflectionUtils.findMethod(configurer.getClass(), "immediateWrites", boolean.class));
            ReflectionUtils.makeAccessible(immediate);
            ReflectionUtils.invokeMethod(immediate, configurer, true);
        };
        return (RedisCacheWriter) ReflectionUtils.invokeMethod(create, null, connectionFactory, immediateWrites);
    }

    /** What each caller got, step by step, for the audited and the unaudited cache. */
    record Outcomes(List<String> audited, List<String> plain) {}

    /**
     * The same traffic as {@link #traffic}, for as long as a fault lasts: a step is only started on both caches when
     * both calls can time out before {@code faultEnds}, so that every compared step met the fault.
     */
    Outcomes trafficUntil(long faultEnds, long fromId) {
        long stepNanos = 2 * COMMAND_TIMEOUT.toNanos() + TimeUnit.MILLISECONDS.toNanos(400);
        List<String> onAudited = new ArrayList<>();
        List<String> onPlain = new ArrayList<>();
        for (Function<Cache, Object> step : steps(fromId, fromId + 100)) {
            if (faultEnds - System.nanoTime() < stepNanos) {
                break;
            }
            onAudited.add(outcome(audited, step));
            onPlain.add(outcome(plain, step));
        }
        return new Outcomes(onAudited, onPlain);
    }

    /** The same traffic on both caches, each step on the audited cache and then on the plain one. */
    Outcomes traffic(long fromId, long toId) {
        List<String> onAudited = new ArrayList<>();
        List<String> onPlain = new ArrayList<>();
        for (Function<Cache, Object> step : steps(fromId, toId)) {
            onAudited.add(outcome(audited, step));
            onPlain.add(outcome(plain, step));
        }
        return new Outcomes(onAudited, onPlain);
    }

    private static List<Function<Cache, Object>> steps(long fromId, long toId) {
        List<Function<Cache, Object>> steps = new ArrayList<>();
        for (long id = fromId; id < toId; id++) {
            long key = id;
            steps.add(c -> c.get(key));
            steps.add(c -> {
                c.put(key, "user-" + key);
                return "put";
            });
            steps.add(c -> c.get(key));
            steps.add(c -> c.get(key, () -> "loaded-" + key));
            steps.add(c -> {
                c.evict(key);
                return "evicted";
            });
            steps.add(c -> c.get(key, () -> "reloaded-" + key));
        }
        return steps;
    }

    private static String outcome(Cache cache, Function<Cache, Object> step) {
        try {
            Object value = step.apply(cache);
            return String.valueOf(value instanceof Cache.ValueWrapper wrapper ? wrapper.get() : value);
        } catch (RuntimeException ex) {
            return "threw " + ex.getClass().getName();
        }
    }

    /** Waits until the plain cache answers again (Lettuce has reconnected). */
    void awaitRedis(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                plain.get("probe");
                return;
            } catch (RuntimeException ex) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("Redis did not come back within " + timeout, ex);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    @Override
    public void close() {
        connectionFactory.destroy();
        resources.shutdown(0, 1, TimeUnit.SECONDS);
        audit.close();
    }
}
