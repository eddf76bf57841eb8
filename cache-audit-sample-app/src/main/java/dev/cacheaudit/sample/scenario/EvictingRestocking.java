package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemDto;
import dev.cacheaudit.sample.item.ItemRepository;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;

/** The fix of {@code warm-once}: a restock evicts the item's label, and the next read loads the new one. */
class EvictingRestocking implements Restocking {

    private final ItemRepository items;

    EvictingRestocking(ItemRepository items) {
        this.items = Objects.requireNonNull(items, "items");
    }

    @Override
    @CacheEvict(cacheNames = CacheNames.ITEM_LABELS, cacheManager = CacheNames.LOCAL_CACHE_MANAGER, key = "#id")
    public ItemDto restock(long id, int quantity) {
        Item item = items.findById(id).orElseThrow(() -> new NotFoundException("item", id));
        item.setQuantity(item.getQuantity() + quantity);
        return items.save(item).toDto();
    }
}
