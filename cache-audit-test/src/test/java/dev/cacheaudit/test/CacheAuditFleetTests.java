package dev.cacheaudit.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cacheaudit.test.fleetapp.FleetApp;
import dev.cacheaudit.test.fleetapp.Item;
import dev.cacheaudit.test.fleetapp.ItemRepository;
import dev.cacheaudit.test.fleetapp.Items;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The multi-instance helper on an application with a local cache: it fails on the bug and passes on its fix. */
class CacheAuditFleetTests {

    @BeforeEach
    void redisIsThere() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 6379), 500);
        } catch (IOException ex) {
            Assumptions.abort("Redis is not reachable on 127.0.0.1:6379: skipping the multi-instance test, whose"
                    + " instances find each other through Redis");
        }
    }

    @Test
    void localCacheOnlyTheWriterEvictsFailsTheAssertion() {
        try (CacheAuditFleet fleet = CacheAuditFleet.start(2, FleetApp.class, "cache-audit.coverage.window=300ms")) {
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
                2, FleetApp.class, "cache-audit.coverage.window=300ms", "fleetapp.broadcast=true")) {
            Long id = renameWhileBothCache(fleet);

            assertThatCode(fleet::assertNoStaleAcrossInstances).doesNotThrowAnyException();
            assertThat(fleet.bean(1, Items.class).find(id).getName()).isEqualTo("new");
        }
    }

    @Test
    void closingTheFleetDeletesTheKeyItKeptInRedis() {
        String pattern;
        StringRedisTemplate redis;
        try (CacheAuditFleet fleet = CacheAuditFleet.start(2, FleetApp.class)) {
            pattern = fleet.instance(0).getEnvironment().getRequiredProperty("cache-audit.fleet.channel-prefix") + ":*";
            redis = new StringRedisTemplate(fleet.bean(0, RedisConnectionFactory.class));
            assertThat(redis.keys(pattern))
                    .as("the fleet key while the fleet runs")
                    .isNotEmpty();
            renameWhileBothCache(fleet);
        }
        LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory("127.0.0.1", 6379);
        connectionFactory.afterPropertiesSet();
        connectionFactory.start();
        try {
            assertThat(new StringRedisTemplate(connectionFactory).keys(pattern)).isEmpty();
        } finally {
            connectionFactory.destroy();
        }
    }

    private static Long renameWhileBothCache(CacheAuditFleet fleet) {
        Long id = fleet.bean(0, ItemRepository.class).save(new Item("old")).getId();
        fleet.bean(0, Items.class).find(id);
        fleet.bean(1, Items.class).find(id);
        fleet.bean(0, Items.class).rename(id, "new");
        return id;
    }
}
