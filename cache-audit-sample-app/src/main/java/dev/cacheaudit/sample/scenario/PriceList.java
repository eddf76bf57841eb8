package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.product.ProductRepository;
import java.math.BigDecimal;
import java.util.Objects;
import org.springframework.cache.annotation.Cacheable;

/** Prices by product id, for the price list and the basket (scenario {@code job-no-evict}). */
public class PriceList {

    private final ProductRepository products;

    PriceList(ProductRepository products) {
        this.products = Objects.requireNonNull(products, "products");
    }

    @Cacheable(cacheNames = CacheNames.PRICES, key = "#productId")
    public BigDecimal price(long productId) {
        return products.findById(productId)
                .orElseThrow(() -> new NotFoundException("product", productId))
                .getPrice();
    }
}
