package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemDto;
import dev.cacheaudit.sample.item.ItemRepository;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;

/**
 * Goods received into stock (scenario {@code replica-lag}): the primary is updated, the replica is sent the change, and
 * the stock level is evicted at once — correct in itself; what a read fills the cache with next is the question.
 */
public class StockReceipts {

    private final ItemRepository primary;

    private final StockReplica replica;

    StockReceipts(ItemRepository primary, StockReplica replica) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.replica = Objects.requireNonNull(replica, "replica");
    }

    @CacheEvict(cacheNames = CacheNames.STOCK_LEVELS, key = "#id")
    public ItemDto receive(long id, int quantity) {
        Item item = primary.findById(id).orElseThrow(() -> new NotFoundException("item", id));
        item.setQuantity(item.getQuantity() + quantity);
        ItemDto received = primary.save(item).toDto();
        replica.replicate(id);
        return received;
    }
}
