package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.product.Product;
import dev.cacheaudit.sample.product.ProductRepository;
import java.math.BigDecimal;
import java.util.Objects;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.transaction.annotation.Transactional;

/**
 * The bug of {@code evict-in-tx}: the product is evicted inside the transaction, before the new price is committed; a
 * reader in between loads the old price and caches it again.
 */
class InTransactionEvictionDiscounts implements ProductDiscounts {

    private final ProductRepository products;

    private final CacheManager caches;

    InTransactionEvictionDiscounts(ProductRepository products, CacheManager caches) {
        this.products = Objects.requireNonNull(products, "products");
        this.caches = Objects.requireNonNull(caches, "caches");
    }

    @Override
    @Transactional
    public void discount(long id, BigDecimal percent) {
        Product product = products.findById(id).orElseThrow(() -> new NotFoundException("product", id));
        product.update(product.getName(), ProductDiscounts.discounted(product.getPrice(), percent));
        Cache cache = caches.getCache(CacheNames.PRODUCTS);
        if (cache != null) {
            cache.evict(id);
        }
    }
}
