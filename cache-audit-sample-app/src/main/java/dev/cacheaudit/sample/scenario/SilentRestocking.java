package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemDto;
import dev.cacheaudit.sample.item.ItemRepository;
import java.util.Objects;

/**
 * The bug of {@code warm-once}: a restock saves the new stock level and leaves the labels warmed at start-up as they
 * are; they never expire, so they show the start-up stock until the next restart.
 */
class SilentRestocking implements Restocking {

    private final ItemRepository items;

    SilentRestocking(ItemRepository items) {
        this.items = Objects.requireNonNull(items, "items");
    }

    @Override
    public ItemDto restock(long id, int quantity) {
        Item item = items.findById(id).orElseThrow(() -> new NotFoundException("item", id));
        item.setQuantity(item.getQuantity() + quantity);
        return items.save(item).toDto();
    }
}
