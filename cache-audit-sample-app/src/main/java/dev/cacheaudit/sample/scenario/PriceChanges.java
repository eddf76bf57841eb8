package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.product.ProductDto;
import java.math.BigDecimal;

/** Changes the price of one product (scenario {@code clear-all}). */
public interface PriceChanges {

    /** Sets the product's price and invalidates what the cache holds of it. */
    ProductDto reprice(long id, BigDecimal price);
}
