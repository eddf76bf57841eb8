package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemDto;
import dev.cacheaudit.sample.item.ItemRepository;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;

/**
 * The bug of {@code local-multi}: a sale evicts the item's shelf stock from this instance's memory only, so every
 * other instance keeps showing the stock from before the sale.
 */
class LocallyEvictingTill implements Till {

    private final ItemRepository items;

    LocallyEvictingTill(ItemRepository items) {
        this.items = Objects.requireNonNull(items, "items");
    }

    @Override
    @CacheEvict(cacheNames = CacheNames.SHELF_STOCK, cacheManager = CacheNames.LOCAL_CACHE_MANAGER, key = "#id")
    public ItemDto sell(long id) {
        Item item = items.findById(id).orElseThrow(() -> new NotFoundException("item", id));
        item.setQuantity(item.getQuantity() - 1);
        return items.save(item).toDto();
    }
}
