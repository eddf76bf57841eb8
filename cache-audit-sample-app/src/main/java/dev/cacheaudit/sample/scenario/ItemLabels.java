package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemDto;
import dev.cacheaudit.sample.item.ItemRepository;
import java.util.Objects;
import org.springframework.cache.annotation.Cacheable;

/**
 * Shelf labels of items, held in this instance's memory with no expiry and filled at start-up by
 * {@link ItemLabelWarmUp} (scenario {@code warm-once}).
 */
public class ItemLabels {

    private final ItemRepository items;

    ItemLabels(ItemRepository items) {
        this.items = Objects.requireNonNull(items, "items");
    }

    @Cacheable(cacheNames = CacheNames.ITEM_LABELS, cacheManager = CacheNames.LOCAL_CACHE_MANAGER, key = "#id")
    public ItemDto label(long id) {
        return items.findById(id).map(Item::toDto).orElseThrow(() -> new NotFoundException("item", id));
    }
}
