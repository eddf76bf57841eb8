package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.core.verify.SourceOfTruth;
import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.SampleBugs;
import dev.cacheaudit.sample.demo.Traffic;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemDto;
import dev.cacheaudit.sample.item.ItemRepository;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * {@code replica-lag}: stock levels are read from a replica that replays the primary's changes 1.5 s late; a restock
 * updates the primary and evicts the level at once, and the read right after it caches the replica's old level
 * ({@code STALE_SET}, and {@code STALE_READ} since nothing replaces it). The fix fills misses from the primary.
 * Verification compares with the primary through a {@link SourceOfTruth}: re-making the loading call would only ask
 * the lagging replica again.
 */
@Configuration(proxyBeanMethods = false)
class ReplicaLagScenario {

    static final String ID = "replica-lag";

    static final Duration LAG = Duration.ofMillis(1500);

    private static final int RECEIVED = 5;

    @Bean
    StockReplica stockReplica(ItemRepository items) {
        return new StockReplica(items, LAG);
    }

    @Bean
    StockLevels stockLevels(SampleBugs bugs, StockReplica replica, ItemRepository items) {
        return bugs.enabled(ID) ? new ReplicaStockLevels(replica) : new PrimaryStockLevels(items);
    }

    @Bean
    StockReceipts stockReceipts(ItemRepository items, StockReplica replica) {
        return new StockReceipts(items, replica);
    }

    /**
     * The stock levels as they are on the primary, for verification. The repository is looked up on first use: the
     * verifier is built with cache-audit, before the JPA entity manager factory that cache-audit instruments, so a
     * repository injected here would close a cycle.
     */
    @Bean
    SourceOfTruth stockLevelsOnThePrimary(ObjectProvider<ItemRepository> primary) {
        return new SourceOfTruth() {
            @Override
            public String cache() {
                return CacheNames.STOCK_LEVELS;
            }

            @Override
            public @Nullable Object load(Object key) {
                return primary.getObject()
                        .findById(((Number) key).longValue())
                        .map(Item::toDto)
                        .orElse(null);
            }
        };
    }

    /** Reads the stock level of two items twice, receives goods for each, then reads the level again at once. */
    @Bean
    @Order(21)
    Traffic replicaLagTraffic(StockLevels levels, StockReceipts receipts, ItemRepository items) {
        return log -> {
            for (long id : Rows.at(Rows.ids(items, Item::getId), Rows.ITEMS_RESTOCKED)) {
                log.read(levels.level(id));
                log.read(levels.level(id));
                ItemDto received = log.write(receipts.receive(id, RECEIVED));
                log.readExpecting(
                        "stock level of item " + id,
                        received.quantity(),
                        levels.level(id).quantity());
            }
        };
    }
}
