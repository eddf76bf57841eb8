package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemDto;
import dev.cacheaudit.sample.item.ItemRepository;
import java.util.Objects;
import org.springframework.cache.annotation.Cacheable;

/** Items as the catalogue shows them, by id (scenario {@code jdbc-bypass}). */
public class ItemCatalog {

    private final ItemRepository items;

    ItemCatalog(ItemRepository items) {
        this.items = Objects.requireNonNull(items, "items");
    }

    @Cacheable(cacheNames = CacheNames.ITEMS, key = "#id")
    public ItemDto find(long id) {
        return items.findById(id).map(Item::toDto).orElseThrow(() -> new NotFoundException("item", id));
    }
}
