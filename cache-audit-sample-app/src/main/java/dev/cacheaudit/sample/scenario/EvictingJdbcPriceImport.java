package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/** The fix of {@code jdbc-bypass}: the same JDBC update, then the catalogue entries of the items it changed are evicted. */
class EvictingJdbcPriceImport implements PriceImport {

    private final JdbcPriceImport jdbcImport;

    private final CacheManager caches;

    EvictingJdbcPriceImport(JdbcPriceImport jdbcImport, CacheManager caches) {
        this.jdbcImport = Objects.requireNonNull(jdbcImport, "jdbcImport");
        this.caches = Objects.requireNonNull(caches, "caches");
    }

    @Override
    public void importPrices(Map<Long, BigDecimal> prices) {
        jdbcImport.importPrices(prices);
        Cache cache = caches.getCache(CacheNames.ITEMS);
        if (cache != null) {
            prices.keySet().forEach(cache::evict);
        }
    }
}
