package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.LocalInvalidations;
import dev.cacheaudit.sample.SampleBugs;
import dev.cacheaudit.sample.demo.DemoInstances;
import dev.cacheaudit.sample.demo.Traffic;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemDto;
import dev.cacheaudit.sample.item.ItemRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * {@code local-multi}: two instances hold an item's shelf stock in their own memory; a sale on one evicts its own copy
 * only, and the other keeps showing the stock from before the sale ({@code CROSS_INSTANCE_STALE}, reported by the
 * instance that kept its copy). The fix broadcasts the eviction through Redis pub/sub and each instance's listener
 * evicts its copy. In its buggy form the demo starts the second instance itself; alone, the scenario's reads and sale
 * meet on one instance.
 */
@Configuration(proxyBeanMethods = false)
class LocalMultiScenario {

    static final String ID = "local-multi";

    /** Time for a broadcast to reach the other instance before the shop there is asked again. */
    private static final long BROADCAST_MILLIS = 300;

    private static final int READS_AFTER_SALE = 3;

    @Bean
    ShelfStock shelfStock(ItemRepository items) {
        return new ShelfStock(items);
    }

    @Bean
    Till till(SampleBugs bugs, ItemRepository items, LocalInvalidations invalidations) {
        return bugs.enabled(ID) ? new LocallyEvictingTill(items) : new BroadcastingTill(items, invalidations);
    }

    /** The shop shows the item on this instance and the next; this instance sells one; both show it again. */
    @Bean
    @Order(28)
    Traffic localMultiTraffic(ShelfStock here, Till till, DemoInstances instances, ItemRepository items) {
        return log -> {
            long id = Rows.ids(items, Item::getId).get(Rows.ITEM_ON_SHELF);
            ShelfStock there = instances.other(ShelfStock.class);
            log.read(here.stock(id));
            log.read(there.stock(id));
            ItemDto sold = log.write(till.sell(id));
            log.readExpecting(
                    "shelf stock of item " + id + " where it was sold",
                    sold.quantity(),
                    here.stock(id).quantity());
            Pause.of(BROADCAST_MILLIS);
            for (int read = 0; read < READS_AFTER_SALE; read++) {
                log.readExpecting(
                        "shelf stock of item " + id + " on the other instance",
                        sold.quantity(),
                        there.stock(id).quantity());
            }
        };
    }
}
