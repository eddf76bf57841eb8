package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.item.ItemDto;

/** Sells items over the counter of one instance (scenario {@code local-multi}). */
interface Till {

    /** Sells one of an item and returns it with its new stock. */
    ItemDto sell(long id);
}
