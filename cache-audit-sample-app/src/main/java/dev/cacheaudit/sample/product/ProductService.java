package dev.cacheaudit.sample.product;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import java.math.BigDecimal;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/** Products, read through the {@code products} cache; an update evicts the entry under the key the read uses. */
@Service
public class ProductService {

    private final ProductRepository products;

    public ProductService(ProductRepository products) {
        this.products = Objects.requireNonNull(products, "products");
    }

    @Cacheable(cacheNames = CacheNames.PRODUCTS, key = "#id")
    public ProductDto find(long id) {
        return products.findById(id).map(Product::toDto).orElseThrow(() -> new NotFoundException("product", id));
    }

    @CacheEvict(cacheNames = CacheNames.PRODUCTS, key = "#id")
    public ProductDto update(long id, String name, BigDecimal price) {
        Product product = products.findById(id).orElseThrow(() -> new NotFoundException("product", id));
        product.update(name, price);
        return products.save(product).toDto();
    }
}
