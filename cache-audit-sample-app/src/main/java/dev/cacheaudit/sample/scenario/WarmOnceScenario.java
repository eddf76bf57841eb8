package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.LocalInvalidations;
import dev.cacheaudit.sample.SampleBugs;
import dev.cacheaudit.sample.demo.Traffic;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemRepository;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * {@code warm-once}: shelf labels are put into an in-memory cache with no expiry at start-up and never refreshed,
 * while restocks keep changing the stock they show ({@code NO_EXPIRY}); the fix evicts the label on every restock.
 */
@Configuration(proxyBeanMethods = false)
class WarmOnceScenario {

    static final String ID = "warm-once";

    private static final int ROUNDS = 2;

    private static final int RESTOCKED = 3;

    private static final long PAUSE_MILLIS = 200;

    @Bean
    ItemLabels itemLabels(ItemRepository items) {
        return new ItemLabels(items);
    }

    @Bean
    ItemLabelWarmUp itemLabelWarmUp(
            ItemRepository items, @Qualifier(CacheNames.LOCAL_CACHE_MANAGER) CacheManager localCaches) {
        return new ItemLabelWarmUp(items, localCaches);
    }

    @Bean
    Restocking restocking(SampleBugs bugs, ItemRepository items, LocalInvalidations invalidations) {
        return bugs.enabled(ID) ? new SilentRestocking(items) : new EvictingRestocking(items, invalidations);
    }

    /** Twice, a moment apart: reads the labels of two items, restocks each and reads its label again. */
    @Bean
    @Order(23)
    Traffic warmOnceTraffic(ItemLabels labels, Restocking restocking, ItemRepository items) {
        return log -> {
            List<Long> ids = Rows.at(Rows.ids(items, Item::getId), Rows.ITEMS_LABELLED);
            for (int round = 0; round < ROUNDS; round++) {
                for (long id : ids) {
                    log.read(labels.label(id));
                    int stock = log.write(restocking.restock(id, RESTOCKED)).quantity();
                    log.readExpecting(
                            "shelf label of item " + id, stock, labels.label(id).quantity());
                }
                // Restocks of one shelf are apart in time, as in a shop.
                Pause.of(PAUSE_MILLIS);
            }
        };
    }
}
