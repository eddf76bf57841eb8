package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.item.ItemDto;
import java.util.Objects;
import org.springframework.cache.annotation.Cacheable;

/**
 * The bug of {@code replica-lag}: a miss is filled from the read replica to spare the primary, so a read right after a
 * restock's eviction caches the level the replica still has from before it.
 */
class ReplicaStockLevels implements StockLevels {

    private final StockReplica replica;

    ReplicaStockLevels(StockReplica replica) {
        this.replica = Objects.requireNonNull(replica, "replica");
    }

    @Override
    @Cacheable(cacheNames = CacheNames.STOCK_LEVELS, key = "#id")
    public ItemDto level(long id) {
        ItemDto item = replica.find(id);
        if (item == null) {
            throw new NotFoundException("item", id);
        }
        return item;
    }
}
