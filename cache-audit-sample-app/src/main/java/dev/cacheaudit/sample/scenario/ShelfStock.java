package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemDto;
import dev.cacheaudit.sample.item.ItemRepository;
import java.util.Objects;
import org.springframework.cache.annotation.Cacheable;

/** The stock of items as the shop shows it, held in each instance's memory (scenario {@code local-multi}). */
public class ShelfStock {

    private final ItemRepository items;

    ShelfStock(ItemRepository items) {
        this.items = Objects.requireNonNull(items, "items");
    }

    @Cacheable(cacheNames = CacheNames.SHELF_STOCK, cacheManager = CacheNames.LOCAL_CACHE_MANAGER, key = "#id")
    public ItemDto stock(Long id) {
        return items.findById(id).map(Item::toDto).orElseThrow(() -> new NotFoundException("item", id));
    }
}
