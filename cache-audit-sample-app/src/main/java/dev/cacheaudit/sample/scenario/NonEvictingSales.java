package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemDto;
import dev.cacheaudit.sample.item.ItemRepository;
import java.util.Objects;

/**
 * The bug of {@code long-ttl}: a sale saves the new stock level and relies on the item pages' time to live to catch
 * up — an hour, while sales come every few hundred milliseconds.
 */
class NonEvictingSales implements Sales {

    private final ItemRepository items;

    NonEvictingSales(ItemRepository items) {
        this.items = Objects.requireNonNull(items, "items");
    }

    @Override
    public ItemDto sell(long id) {
        Item item = items.findById(id).orElseThrow(() -> new NotFoundException("item", id));
        item.setQuantity(item.getQuantity() - 1);
        return items.save(item).toDto();
    }
}
