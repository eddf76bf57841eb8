package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.product.Product;
import dev.cacheaudit.sample.product.ProductRepository;
import java.util.Objects;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The bug of {@code job-no-evict}: the job saves the new prices through the repository and never touches the caches
 * that hold them.
 */
class NonEvictingPriceIndexation implements PriceIndexation {

    private final ProductRepository products;

    NonEvictingPriceIndexation(ProductRepository products) {
        this.products = Objects.requireNonNull(products, "products");
    }

    @Override
    @Scheduled(cron = "${sample.jobs.cron:-}")
    public void indexPrices() {
        for (Product product : products.findAll()) {
            product.update(product.getName(), PriceIndexation.indexed(product.getPrice()));
            products.save(product);
        }
    }
}
