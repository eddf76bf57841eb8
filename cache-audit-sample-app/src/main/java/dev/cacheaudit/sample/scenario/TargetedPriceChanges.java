package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.product.Product;
import dev.cacheaudit.sample.product.ProductDto;
import dev.cacheaudit.sample.product.ProductRepository;
import java.math.BigDecimal;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;

/** The fix of {@code clear-all}: a price change evicts the one product it changed. */
class TargetedPriceChanges implements PriceChanges {

    private final ProductRepository products;

    TargetedPriceChanges(ProductRepository products) {
        this.products = Objects.requireNonNull(products, "products");
    }

    @Override
    @CacheEvict(cacheNames = CacheNames.PRODUCTS, key = "#id")
    public ProductDto reprice(long id, BigDecimal price) {
        Product product = products.findById(id).orElseThrow(() -> new NotFoundException("product", id));
        product.update(product.getName(), price);
        return products.save(product).toDto();
    }
}
