package dev.cacheaudit.sample.scenario;

import java.math.BigDecimal;
import java.util.Map;

/** The supplier's bulk price import, written with plain JDBC for speed (scenario {@code jdbc-bypass}). */
public interface PriceImport {

    /** Sets the price of each item id in {@code prices}. */
    void importPrices(Map<Long, BigDecimal> prices);
}
