package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemDto;
import dev.cacheaudit.sample.item.ItemRepository;
import java.util.Objects;
import org.springframework.cache.annotation.Cacheable;

/** Items as the offers page shows them, by id, cached in Redis (scenario {@code foreign-writer}). */
public class ItemOffers {

    private final ItemRepository items;

    ItemOffers(ItemRepository items) {
        this.items = Objects.requireNonNull(items, "items");
    }

    @Cacheable(cacheNames = CacheNames.ITEM_OFFERS, key = "#id")
    public ItemDto offer(long id) {
        return items.findById(id).map(Item::toDto).orElseThrow(() -> new NotFoundException("item", id));
    }
}
