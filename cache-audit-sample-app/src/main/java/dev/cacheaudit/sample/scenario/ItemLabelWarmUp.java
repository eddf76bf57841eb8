package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemRepository;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * Fills the shelf labels once the application has started, before any read (scenario {@code warm-once}): the labels of
 * the scenario's items are put into the cache by hand. Both variants warm up; they differ in what a restock does.
 */
class ItemLabelWarmUp implements ApplicationRunner {

    private final ItemRepository items;

    private final CacheManager localCaches;

    ItemLabelWarmUp(ItemRepository items, CacheManager localCaches) {
        this.items = Objects.requireNonNull(items, "items");
        this.localCaches = Objects.requireNonNull(localCaches, "localCaches");
    }

    @Override
    public void run(ApplicationArguments args) {
        Cache labels = Objects.requireNonNull(localCaches.getCache(CacheNames.ITEM_LABELS), CacheNames.ITEM_LABELS);
        List<Long> ids = Rows.at(Rows.ids(items, Item::getId), Rows.ITEMS_LABELLED);
        items.findAllById(ids).forEach(item -> labels.put(Objects.requireNonNull(item.getId()), item.toDto()));
    }
}
