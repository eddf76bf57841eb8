package dev.cacheaudit.autoconfigure.it.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.fleet.FleetMembership;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.fleet.Fleet;
import dev.cacheaudit.testsupport.RedisServer;
import dev.cacheaudit.testsupport.RequiresRedis;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.Caching;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.support.CompositeCacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Two instances of one application in one JVM, on the same Redis and the same H2 database. Each caches items three
 * ways: in a local map that only the writing instance evicts (the bug), in a local map that the application's own
 * Redis broadcast evicts on every instance (the fix), and in a shared Redis cache (one copy for all). A rename on one
 * instance must be reported on the other for the first cache only.
 */
@RequiresRedis
class CrossInstanceStaleTests {

    private static final String PREFIX = "itest-fleet-" + UUID.randomUUID();

    private static ConfigurableApplicationContext first;

    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() {
        RedisServer.HostAndPort redis = RedisServer.require();
        String database = "jdbc:h2:mem:fleet-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        first = run(redis, database);
        second = run(redis, database);
        await(() -> members(first).size() == 1 && members(second).size() == 1, Duration.ofSeconds(15));
    }

    private static ConfigurableApplicationContext run(RedisServer.HostAndPort redis, String database) {
        return new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties(
                        "spring.main.banner-mode=off",
                        "spring.jmx.enabled=false",
                        "spring.application.name=fleet-it",
                        "spring.data.redis.host=" + redis.host(),
                        "spring.data.redis.port=" + redis.port(),
                        "spring.datasource.url=" + database,
                        "spring.jpa.hibernate.ddl-auto=update",
                        "spring.jpa.open-in-view=false",
                        "test.prefix=" + PREFIX,
                        "cache-audit.coverage.window=500ms",
                        "cache-audit.fleet.channel-prefix=" + PREFIX,
                        "cache-audit.fleet.heartbeat-interval=200ms")
                .run();
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            StringRedisTemplate redis = first.getBean(StringRedisTemplate.class);
            redis.delete(redis.keys(PREFIX + "*"));
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void writeOnOneInstanceIsReportedOnTheOtherForItsUnbroadcastLocalCacheOnly() {
        Items writer = first.getBean(Items.class);
        Items reader = second.getBean(Items.class);
        Long id = first.getBean(ItemRepository.class).save(new Item("old")).getId();
        for (Items instance : List.of(writer, reader)) {
            instance.local(id);
            instance.broadcast(id);
            instance.shared(id);
        }

        writer.rename(id, "new");

        assertThat(reader.local(id).getName())
                .as("the bug really serves the old value")
                .isEqualTo("old");
        CacheAudit audit = second.getBean(CacheAudit.class);
        await(() -> !crossInstance(audit).isEmpty(), Duration.ofSeconds(10));
        // The fix and the shared cache were judged in the same tick; give a late finding one more tick to show.
        await(() -> false, Duration.ofMillis(1500));
        assertThat(crossInstance(audit)).singleElement().satisfies(finding -> {
            assertThat(finding.cache()).isEqualTo("localItems");
            assertThat(finding.severity()).hasToString("ERROR");
            assertThat(finding.sites()).containsExactly(Items.class.getName() + "#rename(Long,String)");
            assertThat(finding.evidence())
                    .containsEntry("writerInstance", fleet(first).instance())
                    .containsEntry("staleInstance", fleet(second).instance())
                    .containsEntry("entity", Item.class.getName())
                    .containsEntry("backend", "map");
        });
        assertThat(crossInstance(first.getBean(CacheAudit.class))).isEmpty();
        assertThat(reader.broadcast(id).getName())
                .as("the fix serves the new value")
                .isEqualTo("new");
        assertThat(fleet(first).stats().published()).isPositive();
        assertThat(fleet(second).stats().received()).isPositive();
        // With Actuator's metrics (Boot 4 tests here; the Boot 3.5 run has none), the fleet's meters count it too.
        first.getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class)
                .ifAvailable(registry -> assertThat(registry.get("cache.audit.fleet.messages")
                                .tag("result", "published")
                                .functionCounter()
                                .count())
                        .isPositive());
    }

    private static List<Finding> crossInstance(CacheAudit audit) {
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(2)))
                .as("events analysed")
                .isTrue();
        return audit.findings().findings().stream()
                .filter(f -> f.kind() == FindingKind.CROSS_INSTANCE_STALE)
                .toList();
    }

    private static Fleet fleet(ConfigurableApplicationContext context) {
        Fleet fleet = context.getBean(FleetMembership.class).fleet();
        assertThat(fleet).as("fleet membership is on with Redis present").isNotNull();
        return fleet;
    }

    private static java.util.Map<String, java.time.Instant> members(ConfigurableApplicationContext context) {
        return fleet(context).members();
    }

    private static void await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    @Service
    static class Items {

        private final ItemRepository repository;

        private final StringRedisTemplate redis;

        private final String channel;

        Items(ItemRepository repository, StringRedisTemplate redis, org.springframework.core.env.Environment env) {
            this.repository = repository;
            this.redis = redis;
            this.channel = env.getRequiredProperty("test.prefix") + ":evict";
        }

        @Cacheable("localItems")
        public Item local(Long id) {
            return repository.findById(id).orElseThrow();
        }

        @Cacheable("broadcastItems")
        public Item broadcast(Long id) {
            return repository.findById(id).orElseThrow();
        }

        @Cacheable("sharedItems")
        public Item shared(Long id) {
            return repository.findById(id).orElseThrow();
        }

        @Transactional
        @Caching(
                evict = {
                    @CacheEvict(cacheNames = "localItems", key = "#id"),
                    @CacheEvict(cacheNames = "broadcastItems", key = "#id"),
                    @CacheEvict(cacheNames = "sharedItems", key = "#id")
                })
        public void rename(Long id, String name) {
            Item item = repository.findById(id).orElseThrow();
            item.rename(name);
            repository.save(item);
            // The fix: after the commit, tell every instance to drop its local copy.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    redis.convertAndSend(channel, String.valueOf(id));
                }
            });
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableCaching
    static class App {

        @Bean
        Items items(
                ItemRepository repository, StringRedisTemplate redis, org.springframework.core.env.Environment env) {
            return new Items(repository, redis, env);
        }

        @Bean
        CacheManager cacheManager(
                RedisConnectionFactory connectionFactory, org.springframework.core.env.Environment env) {
            RedisCacheManager shared = RedisCacheManager.builder(connectionFactory)
                    .cacheDefaults(RedisCacheConfiguration.defaultCacheConfig()
                            .prefixCacheNameWith(env.getRequiredProperty("test.prefix") + ":"))
                    .initialCacheNames(java.util.Set.of("sharedItems"))
                    .build();
            shared.afterPropertiesSet();
            CompositeCacheManager composite =
                    new CompositeCacheManager(new ConcurrentMapCacheManager("localItems", "broadcastItems"), shared);
            return composite;
        }

        @Bean
        RedisMessageListenerContainer broadcastListener(
                RedisConnectionFactory connectionFactory,
                CacheManager cacheManager,
                org.springframework.core.env.Environment env) {
            RedisMessageListenerContainer container = new RedisMessageListenerContainer();
            container.setConnectionFactory(connectionFactory);
            container.addMessageListener(
                    (message, pattern) -> cacheManager
                            .getCache("broadcastItems")
                            .evict(Long.valueOf(
                                    new String(message.getBody(), java.nio.charset.StandardCharsets.UTF_8))),
                    new ChannelTopic(env.getRequiredProperty("test.prefix") + ":evict"));
            return container;
        }
    }
}
