package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import org.springframework.cache.annotation.CacheEvict;

/** The fix of {@code key-type}: the message's id is converted to the {@code Long} the reads use before it is a key. */
class NumericKeyProductChangeListener implements ProductChangeListener {

    @Override
    @CacheEvict(
            cacheNames = CacheNames.PRODUCT_CARDS,
            cacheManager = CacheNames.LOCAL_CACHE_MANAGER,
            key = "T(Long).valueOf(#productId)")
    public void productChanged(String productId) {}
}
