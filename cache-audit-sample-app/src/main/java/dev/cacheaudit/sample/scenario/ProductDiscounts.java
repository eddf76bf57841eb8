package dev.cacheaudit.sample.scenario;

import java.math.BigDecimal;

/** Applies discounts to products (scenario {@code evict-in-tx}). */
public interface ProductDiscounts {

    /** Lowers the product's price by {@code percent} and invalidates the cached product. */
    void discount(long id, BigDecimal percent);

    /** The price after a discount, to two decimals as prices are held. */
    static BigDecimal discounted(BigDecimal price, BigDecimal percent) {
        BigDecimal factor = BigDecimal.ONE.subtract(percent.movePointLeft(2));
        return price.multiply(factor).setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
