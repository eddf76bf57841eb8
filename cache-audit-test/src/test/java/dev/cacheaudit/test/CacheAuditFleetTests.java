package dev.cacheaudit.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cacheaudit.test.fleetapp.FleetApp;
import dev.cacheaudit.test.fleetapp.Item;
import dev.cacheaudit.test.fleetapp.ItemRepository;
import dev.cacheaudit.test.fleetapp.Items;
import dev.cacheaudit.testsupport.RedisServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The multi-instance helper on an application with a local cache: it fails on the bug and passes on its fix. */
class CacheAuditFleetTests {

    /** The instances find each other through Redis: the tests' one, or the tests are skipped with a message. */
    private RedisServer.HostAndPort redis;

    @BeforeEach
    void redisIsThere() {
        redis = RedisServer.require();
    }

    @Test
    void localCacheOnlyTheWriterEvictsFailsTheAssertion() {
        try (CacheAuditFleet fleet =
                CacheAuditFleet.start(2, FleetApp.class, onRedis("cache-audit.coverage.window=300ms"))) {
            Long id = renameWhileBothCache(fleet);

            assertThat(fleet.bean(1, Items.class).find(id).getName()).isEqualTo("old");
            assertThatThrownBy(fleet::assertNoStaleAcrossInstances)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("CROSS_INSTANCE_STALE")
                    .hasMessageContaining("items")
                    .hasMessageContaining(Items.class.getName() + "#rename(Long,String)");
        }
    }

    @Test
    void broadcastInvalidationPasses() {
        try (CacheAuditFleet fleet = CacheAuditFleet.start(
                2, FleetApp.class, onRedis("cache-audit.coverage.window=300ms", "fleetapp.broadcast=true"))) {
            Long id = renameWhileBothCache(fleet);

            assertThatCode(fleet::assertNoStaleAcrossInstances).doesNotThrowAnyException();
            assertThat(fleet.bean(1, Items.class).find(id).getName()).isEqualTo("new");
        }
    }

    @Test
    void closingTheFleetDeletesTheKeyItKeptInRedis() {
        String pattern;
        try (CacheAuditFleet fleet = CacheAuditFleet.start(2, FleetApp.class, onRedis())) {
            pattern = fleet.instance(0).getEnvironment().getRequiredProperty("cache-audit.fleet.channel-prefix") + ":*";
            StringRedisTemplate template = new StringRedisTemplate(fleet.bean(0, RedisConnectionFactory.class));
            assertThat(template.keys(pattern))
                    .as("the fleet key while the fleet runs")
                    .isNotEmpty();
            renameWhileBothCache(fleet);
        }
        LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(redis.host(), redis.port());
        connectionFactory.afterPropertiesSet();
        connectionFactory.start();
        try {
            assertThat(new StringRedisTemplate(connectionFactory).keys(pattern)).isEmpty();
        } finally {
            connectionFactory.destroy();
        }
    }

    /** The test's properties, and the tests' Redis for every instance. */
    private String[] onRedis(String... properties) {
        String[] all = new String[properties.length + 2];
        all[0] = "spring.data.redis.host=" + redis.host();
        all[1] = "spring.data.redis.port=" + redis.port();
        System.arraycopy(properties, 0, all, 2, properties.length);
        return all;
    }

    private static Long renameWhileBothCache(CacheAuditFleet fleet) {
        Long id = fleet.bean(0, ItemRepository.class).save(new Item("old")).getId();
        fleet.bean(0, Items.class).find(id);
        fleet.bean(1, Items.class).find(id);
        fleet.bean(0, Items.class).rename(id, "new");
        return id;
    }
}
