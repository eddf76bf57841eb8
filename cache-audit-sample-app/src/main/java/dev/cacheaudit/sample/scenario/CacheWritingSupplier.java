package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.RedisNamespace;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.sync.RedisCommands;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bug of {@code foreign-writer}: the supplier updates the rows behind the shop's back, then "refreshes the shop's
 * cache" with keys of its own making in the shop's namespace ({@code itemOffers::supplier:<id>}, beside the shop's
 * {@code itemOffers::<id>}): it writes them and deletes them again, and the entries the shop reads stay as they were.
 */
class CacheWritingSupplier implements Supplier {

    private static final Logger logger = LoggerFactory.getLogger(CacheWritingSupplier.class);

    static final String KEY_PREFIX = "itemOffers::supplier:";

    private final SupplierSystem system;

    private final RedisNamespace namespace;

    CacheWritingSupplier(SupplierSystem system, RedisNamespace namespace) {
        this.system = Objects.requireNonNull(system, "system");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    @Override
    public void changePrices(Map<Long, BigDecimal> prices) {
        system.updatePrices(prices);
        try {
            RedisCommands<String, String> redis = system.redis();
            prices.forEach((id, price) -> redis.set(namespace.name(KEY_PREFIX + id), price.toPlainString()));
            prices.keySet().forEach(id -> redis.del(namespace.name(KEY_PREFIX + id)));
        } catch (RedisException ex) {
            logger.warn("The supplier cannot reach Redis ({}): its cache writes are skipped", ex.toString());
        }
    }
}
