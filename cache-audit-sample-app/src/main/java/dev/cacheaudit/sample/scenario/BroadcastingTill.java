package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.LocalInvalidations;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemDto;
import dev.cacheaudit.sample.item.ItemRepository;
import java.util.Objects;

/**
 * The fix of {@code local-multi}: once the sale is saved, the item's shelf stock is evicted here and, through a Redis
 * broadcast, on every other instance.
 */
class BroadcastingTill implements Till {

    private final ItemRepository items;

    private final LocalInvalidations invalidations;

    BroadcastingTill(ItemRepository items, LocalInvalidations invalidations) {
        this.items = Objects.requireNonNull(items, "items");
        this.invalidations = Objects.requireNonNull(invalidations, "invalidations");
    }

    @Override
    public ItemDto sell(long id) {
        Item item = items.findById(id).orElseThrow(() -> new NotFoundException("item", id));
        item.setQuantity(item.getQuantity() - 1);
        ItemDto sold = items.save(item).toDto();
        invalidations.evict(CacheNames.SHELF_STOCK, id);
        return sold;
    }
}
