package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.product.Product;
import dev.cacheaudit.sample.product.ProductRepository;
import java.util.List;
import java.util.Objects;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.scheduling.annotation.Scheduled;

/** The fix of {@code job-no-evict}: after saving a product, the job evicts it from every cache that holds it. */
class EvictingPriceIndexation implements PriceIndexation {

    private static final List<String> CACHES_OF_PRODUCTS = List.of(CacheNames.PRODUCTS, CacheNames.PRICES);

    private final ProductRepository products;

    private final CacheManager caches;

    EvictingPriceIndexation(ProductRepository products, CacheManager caches) {
        this.products = Objects.requireNonNull(products, "products");
        this.caches = Objects.requireNonNull(caches, "caches");
    }

    @Override
    @Scheduled(cron = "${sample.jobs.cron:-}")
    public void indexPrices() {
        for (Product product : products.findAll()) {
            product.update(product.getName(), PriceIndexation.indexed(product.getPrice()));
            Long id = products.save(product).getId();
            for (String name : CACHES_OF_PRODUCTS) {
                Cache cache = caches.getCache(name);
                if (cache != null && id != null) {
                    cache.evict(id);
                }
            }
        }
    }
}
