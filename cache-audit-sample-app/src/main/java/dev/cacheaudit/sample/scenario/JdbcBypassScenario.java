package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.SampleBugs;
import dev.cacheaudit.sample.demo.Traffic;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemDto;
import dev.cacheaudit.sample.item.ItemRepository;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code jdbc-bypass}: a supplier's bulk price import updates items with a {@code JdbcTemplate} and evicts nothing,
 * so the catalogue keeps serving the old prices; no write event reaches cache-audit, and verification of sampled hits
 * finds the difference ({@code STALE_READ}). The fix evicts the entries of the items the import changed.
 */
@Configuration(proxyBeanMethods = false)
class JdbcBypassScenario {

    static final String ID = "jdbc-bypass";

    /** How long the catalogue is browsed after the import: past the grace period and a verification window. */
    private static final long BROWSING_MILLIS = 2_000;

    private static final long PAUSE_MILLIS = 50;

    @Bean
    ItemCatalog itemCatalog(ItemRepository items) {
        return new ItemCatalog(items);
    }

    @Bean
    PriceImport priceImport(SampleBugs bugs, JdbcTemplate jdbc, CacheManager caches) {
        JdbcPriceImport jdbcImport = new JdbcPriceImport(jdbc);
        return bugs.enabled(ID) ? jdbcImport : new EvictingJdbcPriceImport(jdbcImport, caches);
    }

    /** Browses two items, imports new prices for them, then keeps browsing them for a while. */
    @Bean
    @Order(20)
    Traffic jdbcBypassTraffic(ItemCatalog catalog, PriceImport prices, ItemRepository items) {
        return log -> {
            List<Long> ids = Rows.at(Rows.ids(items, Item::getId), Rows.ITEMS_IMPORTED);
            Map<Long, BigDecimal> imported = new LinkedHashMap<>();
            for (long id : ids) {
                log.read(catalog.find(id));
                ItemDto before = log.read(catalog.find(id));
                imported.put(id, Item.money(before.price().add(BigDecimal.ONE)));
            }
            prices.importPrices(imported);
            log.write(imported.size());
            for (long id : ids) {
                log.readExpecting(
                        "catalogue price of item " + id,
                        imported.get(id),
                        catalog.find(id).price());
            }
            long end = System.nanoTime() + BROWSING_MILLIS * 1_000_000;
            while (System.nanoTime() < end) {
                ids.forEach(id -> log.read(catalog.find(id)));
                Pause.of(PAUSE_MILLIS);
            }
        };
    }
}
