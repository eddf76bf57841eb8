package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemDto;
import dev.cacheaudit.sample.item.ItemRepository;
import java.util.Objects;
import org.springframework.cache.annotation.Cacheable;

/** Items as the shop's item pages show them, cached for an hour (scenario {@code long-ttl}). */
public class ItemPages {

    private final ItemRepository items;

    ItemPages(ItemRepository items) {
        this.items = Objects.requireNonNull(items, "items");
    }

    @Cacheable(cacheNames = CacheNames.ITEM_PAGES, key = "#id")
    public ItemDto page(long id) {
        return items.findById(id).map(Item::toDto).orElseThrow(() -> new NotFoundException("item", id));
    }
}
