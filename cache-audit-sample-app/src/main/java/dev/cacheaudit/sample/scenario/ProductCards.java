package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.product.ProductDto;
import dev.cacheaudit.sample.product.ProductService;
import java.util.Objects;
import org.springframework.cache.annotation.Cacheable;

/**
 * Products as product pages show them, held in this instance's memory in front of the shared cache (scenario
 * {@code key-type}).
 */
public class ProductCards {

    private final ProductService products;

    ProductCards(ProductService products) {
        this.products = Objects.requireNonNull(products, "products");
    }

    @Cacheable(cacheNames = CacheNames.PRODUCT_CARDS, cacheManager = CacheNames.LOCAL_CACHE_MANAGER, key = "#id")
    public ProductDto card(Long id) {
        return products.find(id);
    }
}
