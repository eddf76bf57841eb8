package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.LocalInvalidations;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemDto;
import dev.cacheaudit.sample.item.ItemRepository;
import java.util.Objects;

/**
 * The fix of {@code warm-once}: a restock evicts the item's label — on every instance, since each warmed its own —
 * and the next read loads the new one.
 */
class EvictingRestocking implements Restocking {

    private final ItemRepository items;

    private final LocalInvalidations invalidations;

    EvictingRestocking(ItemRepository items, LocalInvalidations invalidations) {
        this.items = Objects.requireNonNull(items, "items");
        this.invalidations = Objects.requireNonNull(invalidations, "invalidations");
    }

    @Override
    public ItemDto restock(long id, int quantity) {
        Item item = items.findById(id).orElseThrow(() -> new NotFoundException("item", id));
        item.setQuantity(item.getQuantity() + quantity);
        ItemDto restocked = items.save(item).toDto();
        invalidations.evict(CacheNames.ITEM_LABELS, id);
        return restocked;
    }
}
