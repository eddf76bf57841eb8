package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.product.Product;
import dev.cacheaudit.sample.product.ProductDto;
import dev.cacheaudit.sample.product.ProductRepository;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;

/** The fix of {@code cache-name}: the eviction names the cache the reads use, through the shared constant. */
class ReadCacheProductRenames implements ProductRenames {

    private final ProductRepository products;

    ReadCacheProductRenames(ProductRepository products) {
        this.products = Objects.requireNonNull(products, "products");
    }

    @Override
    @CacheEvict(cacheNames = CacheNames.PRODUCTS, key = "#id")
    public ProductDto rename(long id, String name) {
        Product product = products.findById(id).orElseThrow(() -> new NotFoundException("product", id));
        product.update(name, product.getPrice());
        return products.save(product).toDto();
    }
}
