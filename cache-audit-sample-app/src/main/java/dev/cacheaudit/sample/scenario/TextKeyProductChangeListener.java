package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import org.springframework.cache.annotation.CacheEvict;

/**
 * The bug of {@code key-type}: the eviction keys the in-memory card cache with the message's {@code String} id, while
 * the reads key it with a {@code Long}; the map compares keys with {@code equals}, so nothing is evicted.
 */
class TextKeyProductChangeListener implements ProductChangeListener {

    @Override
    @CacheEvict(
            cacheNames = CacheNames.PRODUCT_CARDS,
            cacheManager = CacheNames.LOCAL_CACHE_MANAGER,
            key = "#productId")
    public void productChanged(String productId) {}
}
