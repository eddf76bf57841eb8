package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemDto;
import dev.cacheaudit.sample.item.ItemRepository;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;

/** The fix of {@code long-ttl}: a sale evicts the item's page, so the long time to live no longer matters. */
class EvictingSales implements Sales {

    private final ItemRepository items;

    EvictingSales(ItemRepository items) {
        this.items = Objects.requireNonNull(items, "items");
    }

    @Override
    @CacheEvict(cacheNames = CacheNames.ITEM_PAGES, key = "#id")
    public ItemDto sell(long id) {
        Item item = items.findById(id).orElseThrow(() -> new NotFoundException("item", id));
        item.setQuantity(item.getQuantity() - 1);
        return items.save(item).toDto();
    }
}
