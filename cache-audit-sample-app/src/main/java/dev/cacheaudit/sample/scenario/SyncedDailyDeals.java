package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemDto;
import dev.cacheaudit.sample.item.ItemRepository;
import java.util.Objects;
import org.springframework.cache.annotation.Cacheable;

/**
 * The fix of {@code stampede}: {@code sync = true}, so one reader loads the expired deal while the others wait for it.
 * On Redis that takes a locking cache writer (see {@link StampedeScenario}): with a non-locking one, Spring Data Redis
 * lets every concurrent miss load despite {@code sync}.
 */
class SyncedDailyDeals implements DailyDeals {

    private final ItemRepository items;

    SyncedDailyDeals(ItemRepository items) {
        this.items = Objects.requireNonNull(items, "items");
    }

    @Override
    @Cacheable(cacheNames = CacheNames.DAILY_DEALS, cacheManager = DailyDeals.CACHE_MANAGER, key = "#id", sync = true)
    public ItemDto deal(long id) {
        Pause.of(LOAD_MILLIS);
        return items.findById(id).map(Item::toDto).orElseThrow(() -> new NotFoundException("item", id));
    }
}
