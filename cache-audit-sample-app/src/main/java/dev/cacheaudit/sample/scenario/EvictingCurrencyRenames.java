package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import java.util.Map;
import java.util.Objects;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/** The fix of {@code entity-id-equals}: the same JDBC update, then the cached currencies it changed are evicted. */
class EvictingCurrencyRenames implements CurrencyRenames {

    private final JdbcCurrencyRenames jdbcRenames;

    private final CacheManager caches;

    EvictingCurrencyRenames(JdbcCurrencyRenames jdbcRenames, CacheManager caches) {
        this.jdbcRenames = Objects.requireNonNull(jdbcRenames, "jdbcRenames");
        this.caches = Objects.requireNonNull(caches, "caches");
    }

    @Override
    public void rename(Map<Long, String> names) {
        jdbcRenames.rename(names);
        Cache cache = caches.getCache(CacheNames.CURRENCIES);
        if (cache != null) {
            names.keySet().forEach(cache::evict);
        }
    }
}
