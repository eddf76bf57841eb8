package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.item.ItemDto;

/** The till: every sale takes one item off the shelf (scenario {@code long-ttl}). */
public interface Sales {

    /** Sells one of the item, returning it with its new stock level. */
    ItemDto sell(long id);
}
