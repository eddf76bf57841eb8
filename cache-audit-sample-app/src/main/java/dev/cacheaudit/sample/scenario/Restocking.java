package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.item.ItemDto;

/** Shelf restocking (scenario {@code warm-once}). */
public interface Restocking {

    /** Puts {@code quantity} more of the item on the shelf, returning it with its new stock level. */
    ItemDto restock(long id, int quantity);
}
