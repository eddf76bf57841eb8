package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.SampleBugs;
import dev.cacheaudit.sample.demo.Traffic;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemRepository;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * {@code long-ttl}: item pages are cached in Redis for an hour ({@code CacheNames.ITEM_PAGES_TIME_TO_LIVE}) while
 * sales change the stock they show every few hundred milliseconds, and nothing invalidates them
 * ({@code TTL_TOO_LONG}); the fix evicts the page on every sale. Needs Redis for the time to live: on the in-memory
 * fallback the traffic only says that it is skipped.
 */
@Configuration(proxyBeanMethods = false)
class LongTtlScenario {

    static final String ID = "long-ttl";

    private static final Logger logger = LoggerFactory.getLogger(LongTtlScenario.class);

    private static final int ROUNDS = 4;

    private static final long PAUSE_MILLIS = 150;

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "spring.cache.type", havingValue = "redis", matchIfMissing = true)
    static class OnRedis {

        @Bean
        ItemPages itemPages(ItemRepository items) {
            return new ItemPages(items);
        }

        @Bean
        Sales sales(SampleBugs bugs, ItemRepository items) {
            return bugs.enabled(ID) ? new NonEvictingSales(items) : new EvictingSales(items);
        }
    }

    /** Shows two item pages, then four times: sells one of each and shows its page again, a moment apart. */
    @Bean
    @Order(22)
    Traffic longTtlTraffic(
            ObjectProvider<ItemPages> pagesProvider, ObjectProvider<Sales> salesProvider, ItemRepository items) {
        return log -> {
            ItemPages pages = pagesProvider.getIfAvailable();
            Sales sales = salesProvider.getIfAvailable();
            if (pages == null || sales == null) {
                logger.warn(
                        "Scenario {} skipped: its hour-long time to live is a Redis cache's, and the app runs on its"
                                + " in-memory cache",
                        ID);
                return;
            }
            List<Long> ids = Rows.at(Rows.ids(items, Item::getId), Rows.ITEMS_SOLD);
            ids.forEach(id -> log.read(pages.page(id)));
            for (int round = 0; round < ROUNDS; round++) {
                for (long id : ids) {
                    int left = log.write(sales.sell(id)).quantity();
                    log.readExpecting(
                            "stock on the page of item " + id,
                            left,
                            pages.page(id).quantity());
                    Pause.of(PAUSE_MILLIS);
                }
            }
        };
    }
}
