package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemDto;
import dev.cacheaudit.sample.item.ItemRepository;
import java.util.Objects;
import org.springframework.cache.annotation.Cacheable;

/**
 * The bug of {@code stampede}: every reader that misses the expired deal loads it itself, so each expiry sends all
 * concurrent readers to the database at once.
 */
class UnsyncedDailyDeals implements DailyDeals {

    private final ItemRepository items;

    UnsyncedDailyDeals(ItemRepository items) {
        this.items = Objects.requireNonNull(items, "items");
    }

    @Override
    @Cacheable(cacheNames = CacheNames.DAILY_DEALS, cacheManager = DailyDeals.CACHE_MANAGER, key = "#id")
    public ItemDto deal(long id) {
        Pause.of(LOAD_MILLIS);
        return items.findById(id).map(Item::toDto).orElseThrow(() -> new NotFoundException("item", id));
    }
}
