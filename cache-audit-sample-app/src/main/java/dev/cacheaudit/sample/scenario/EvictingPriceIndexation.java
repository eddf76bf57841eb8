package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.product.Product;
import dev.cacheaudit.sample.product.ProductRepository;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The fix of {@code job-no-evict}: after saving a product, the job evicts it from every cache that holds it — the
 * shared ones and the product cards held in this instance's memory.
 */
class EvictingPriceIndexation implements PriceIndexation {

    private static final List<String> CACHES_OF_PRODUCTS = List.of(CacheNames.PRODUCTS, CacheNames.PRICES);

    private final ProductRepository products;

    private final CacheManager caches;

    private final CacheManager localCaches;

    EvictingPriceIndexation(ProductRepository products, CacheManager caches, CacheManager localCaches) {
        this.products = Objects.requireNonNull(products, "products");
        this.caches = Objects.requireNonNull(caches, "caches");
        this.localCaches = Objects.requireNonNull(localCaches, "localCaches");
    }

    @Override
    @Scheduled(cron = "${sample.jobs.cron:-}")
    public void indexPrices() {
        for (Product product : products.findAll()) {
            product.update(product.getName(), PriceIndexation.indexed(product.getPrice()));
            Long id = products.save(product).getId();
            for (String name : CACHES_OF_PRODUCTS) {
                evict(caches.getCache(name), id);
            }
            evict(localCaches.getCache(CacheNames.PRODUCT_CARDS), id);
        }
    }

    private static void evict(@Nullable Cache cache, @Nullable Long id) {
        if (cache != null && id != null) {
            cache.evict(id);
        }
    }
}
