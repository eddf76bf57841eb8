package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.product.Product;
import dev.cacheaudit.sample.product.ProductDto;
import dev.cacheaudit.sample.product.ProductRepository;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;

/** The bug of {@code cache-name}: the eviction names cache {@code product}, while reads use {@code products}. */
class SingularCacheProductRenames implements ProductRenames {

    private final ProductRepository products;

    SingularCacheProductRenames(ProductRepository products) {
        this.products = Objects.requireNonNull(products, "products");
    }

    @Override
    @CacheEvict(cacheNames = "product", key = "#id")
    public ProductDto rename(long id, String name) {
        Product product = products.findById(id).orElseThrow(() -> new NotFoundException("product", id));
        product.update(name, product.getPrice());
        return products.save(product).toDto();
    }
}
