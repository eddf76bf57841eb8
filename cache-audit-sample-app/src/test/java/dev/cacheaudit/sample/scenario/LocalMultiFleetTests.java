package dev.cacheaudit.sample.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.report.CacheReport;
import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.SampleApplication;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemRepository;
import dev.cacheaudit.test.CacheAuditFleet;
import dev.cacheaudit.testsupport.RedisServer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scenario {@code local-multi} under the multi-instance JUnit helper: two instances of the sample, both showing an
 * item's shelf stock from their own memory, one selling it. The helper's assertion fails on the bug and passes on the
 * broadcast fix.
 */
class LocalMultiFleetTests {

    /** The instances find each other through Redis. */
    private RedisServer.HostAndPort redis;

    @BeforeEach
    void redisIsThere() {
        redis = RedisServer.require();
    }

    @Test
    void saleEvictedOnlyWhereItHappenedFailsTheFleetAssertion() {
        try (CacheAuditFleet fleet = start("local-multi")) {
            long id = sellWhileBothShow(fleet);

            assertThat(fleet.bean(1, ShelfStock.class).stock(id).quantity())
                    .as("the other instance still shows the stock from before the sale")
                    .isEqualTo(fleet.bean(0, ShelfStock.class).stock(id).quantity() + 1);
            assertThatThrownBy(fleet::assertNoStaleAcrossInstances)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("CROSS_INSTANCE_STALE")
                    .hasMessageContaining(CacheNames.SHELF_STOCK)
                    .hasMessageContaining(LocallyEvictingTill.class.getName() + "#sell(long)");
        }
    }

    @Test
    void saleBroadcastToEveryInstancePassesTheFleetAssertion() {
        try (CacheAuditFleet fleet = start("")) {
            long id = sellWhileBothShow(fleet);

            assertThatCode(fleet::assertNoStaleAcrossInstances).doesNotThrowAnyException();
            // The check ran on an entry the other instance held: the broadcast removed it there.
            assertThat(shelfStock(fleet.bean(1, CacheAudit.class)).evictions()).isEqualTo(1);
            assertThat(fleet.bean(1, ShelfStock.class).stock(id).quantity())
                    .isEqualTo(fleet.bean(0, ShelfStock.class).stock(id).quantity());
        }
    }

    private CacheAuditFleet start(String bugs) {
        return CacheAuditFleet.start(
                2,
                SampleApplication.class,
                "sample.bugs=" + bugs,
                "spring.main.web-application-type=none",
                "cache-audit.coverage.window=300ms",
                "spring.data.redis.host=" + redis.host(),
                "spring.data.redis.port=" + redis.port(),
                "spring.cache.redis.key-prefix=" + RedisServer.uniqueKeyPrefix());
    }

    private static long sellWhileBothShow(CacheAuditFleet fleet) {
        long id = Rows.ids(fleet.bean(0, ItemRepository.class), Item::getId).get(Rows.ITEM_ON_SHELF);
        fleet.bean(0, ShelfStock.class).stock(id);
        fleet.bean(1, ShelfStock.class).stock(id);
        fleet.bean(0, Till.class).sell(id);
        // Time for a broadcast to arrive, as a shop's next request would give it.
        Pause.of(300);
        return id;
    }

    private static CacheReport shelfStock(CacheAudit audit) {
        audit.awaitQuiescence(Duration.ofSeconds(5));
        return audit.report().caches().stream()
                .filter(cache -> cache.name().equals(CacheNames.SHELF_STOCK))
                .findFirst()
                .orElseThrow();
    }
}
