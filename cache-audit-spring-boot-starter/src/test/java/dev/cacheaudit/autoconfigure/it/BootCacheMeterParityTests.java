package dev.cacheaudit.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.cache.AuditingCache;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.testsupport.RedisServer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The meters Boot binds for a cache named at start-up ({@code cache.gets}, {@code cache.puts}, ...) are the same with
 * and without the starter, per backend: same names, same tags, and the same values after the same operations. The
 * starter's own {@code cache.audit.*} meters are the only addition.
 */
class BootCacheMeterParityTests {

    @Test
    void caffeineCachesKeepBootsMeters() {
        assertParity(
                "caffeine",
                List.of("spring.cache.caffeine.spec=maximumSize=100,recordStats"),
                List.of("cache.gets", "cache.puts", "cache.evictions", "cache.size"));
    }

    @Test
    void jcacheEhcacheCachesKeepBootsMeters() {
        assertParity(
                "jcache",
                List.of("spring.cache.jcache.provider=org.ehcache.jsr107.EhcacheCachingProvider"),
                List.of("cache.gets", "cache.puts", "cache.removals"));
    }

    @Test
    void cache2kCachesKeepBootsMeters() {
        assertParity("cache2k", List.of(), List.of("cache.gets", "cache.puts", "cache.size"));
    }

    @Test
    void redisCachesKeepBootsMeters() {
        RedisServer.HostAndPort redis = RedisServer.require();
        String prefix = "parity-" + UUID.randomUUID() + ":";
        assertParity(
                "redis",
                List.of(
                        "spring.cache.redis.enable-statistics=true",
                        "spring.cache.redis.key-prefix=" + prefix,
                        "spring.data.redis.host=" + redis.host(),
                        "spring.data.redis.port=" + redis.port()),
                List.of("cache.gets", "cache.puts", "cache.removals", "cache.lock.duration"));
    }

    @Test
    void concurrentMapCachesGetNoBootMetersEitherWay() {
        // Boot has no binder for ConcurrentMapCache: the starter must not invent one (nor fail to start).
        Map<String, String> without = cacheMeters("simple", false, List.of());
        Map<String, String> with = cacheMeters("simple", true, List.of());
        assertThat(with).isEqualTo(without).isEmpty();
    }

    private static void assertParity(String type, List<String> properties, List<String> expectedNames) {
        Map<String, String> without = cacheMeters(type, false, properties);
        Map<String, String> with = cacheMeters(type, true, properties);
        for (String name : expectedNames) {
            assertThat(without.keySet())
                    .as("Boot binds %s for %s caches without the starter", name, type)
                    .anyMatch(id -> id.startsWith(name + "{"));
        }
        assertThat(with).as("meters of a %s cache with the starter", type).isEqualTo(without);
    }

    /** Boot's cache meters ({@code cache.*} but not {@code cache.audit.*}) by id, with their values. */
    private static Map<String, String> cacheMeters(String type, boolean audited, List<String> properties) {
        String cacheName = "parity-" + type;
        List<String> all = new ArrayList<>(properties);
        all.add("spring.cache.type=" + type);
        all.add("spring.cache.cache-names=" + cacheName);
        all.add("cache-audit.enabled=" + audited);
        try (ConfigurableApplicationContext context = TestApps.run(App.class, all.toArray(String[]::new))) {
            CacheManager manager = context.getBean(CacheManager.class);
            Cache cache = manager.getCache(cacheName);
            assertThat(cache).isNotNull();
            assertThat(cache instanceof AuditingCache).as("cache audited").isEqualTo(audited);
            assertThat(context.getBeansOfType(CacheAudit.class)).hasSize(audited ? 1 : 0);
            // Spring Data Redis 4 sends puts and evictions without waiting: each step waits for Redis to show it.
            Settle settle = "redis".equals(type) ? redisSettle(context, properties, cacheName) : (key, present) -> {};
            cache.get("a");
            cache.put("a", "1");
            settle.await("a", true);
            cache.get("a");
            cache.get("a");
            cache.evict("a");
            settle.await("a", false);
            cache.get("b");
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Map<String, String> meters = new TreeMap<>();
            for (Meter meter : registry.getMeters()) {
                String name = meter.getId().getName();
                if (name.startsWith("cache.") && !name.startsWith("cache.audit.")) {
                    meters.put(id(meter), value(meter));
                }
            }
            return meters;
        }
    }

    private static Settle redisSettle(ConfigurableApplicationContext context, List<String> properties, String cache) {
        String prefix = properties.stream()
                .filter(p -> p.startsWith("spring.cache.redis.key-prefix="))
                .map(p -> p.substring(p.indexOf('=') + 1))
                .findFirst()
                .orElseThrow();
        StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
        return (key, present) -> {
            String redisKey = prefix + cache + "::" + key;
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (Boolean.TRUE.equals(template.hasKey(redisKey)) != present) {
                assertThat(System.nanoTime())
                        .as("Redis key %s present=%s", redisKey, present)
                        .isLessThan(deadline);
                Thread.onSpinWait();
            }
            if (!present) {
                // The removal is counted when Redis confirms it, which may come just after the key is gone.
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                while (registry.get("cache.removals")
                                .tag("cache", cache)
                                .functionCounter()
                                .count()
                        < 1) {
                    assertThat(System.nanoTime()).as("removal counted").isLessThan(deadline);
                    Thread.onSpinWait();
                }
            }
        };
    }

    /** Waits until the cache's backend shows a key as present or absent. */
    private interface Settle {
        void await(String key, boolean present);
    }

    private static String id(Meter meter) {
        return meter.getId().getName()
                + meter.getId().getTags().stream()
                        .sorted()
                        .map(Tag::toString)
                        .collect(Collectors.joining(",", "{", "}"));
    }

    private static String value(Meter meter) {
        // Timers are compared by count only: durations differ from run to run.
        return java.util.stream.StreamSupport.stream(meter.measure().spliterator(), false)
                .filter(m -> !m.getStatistic().name().contains("TIME")
                        && !m.getStatistic().name().equals("MAX"))
                .map(m -> m.getStatistic() + "=" + m.getValue())
                .collect(Collectors.joining(","));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableCaching
    static class App {}
}
