package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemDto;
import dev.cacheaudit.sample.item.ItemRepository;
import java.util.Objects;
import org.springframework.cache.annotation.Cacheable;

/**
 * The fix of {@code replica-lag}: a miss is filled from the primary, which already has the restock the eviction was
 * for; the replica keeps serving reads that are not cached.
 */
class PrimaryStockLevels implements StockLevels {

    private final ItemRepository primary;

    PrimaryStockLevels(ItemRepository primary) {
        this.primary = Objects.requireNonNull(primary, "primary");
    }

    @Override
    @Cacheable(cacheNames = CacheNames.STOCK_LEVELS, key = "#id")
    public ItemDto level(long id) {
        return primary.findById(id).map(Item::toDto).orElseThrow(() -> new NotFoundException("item", id));
    }
}
