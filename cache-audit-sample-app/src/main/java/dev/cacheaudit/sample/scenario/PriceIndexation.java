package dev.cacheaudit.sample.scenario;

import java.math.BigDecimal;

/** The monthly price indexation job (scenario {@code job-no-evict}). */
public interface PriceIndexation {

    /** By how much every price rises, in percent. */
    BigDecimal PERCENT = new BigDecimal("2");

    /** Raises every price by {@link #PERCENT}. */
    void indexPrices();

    /** A price after indexation, to two decimals as prices are held. */
    static BigDecimal indexed(BigDecimal price) {
        return price.multiply(BigDecimal.ONE.add(PERCENT.movePointLeft(2))).setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
