package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.item.ItemDto;

/** Items with their stock level, as the stock pages read them (scenario {@code replica-lag}). */
public interface StockLevels {

    /** The item with its current stock level. */
    ItemDto level(long id);
}
