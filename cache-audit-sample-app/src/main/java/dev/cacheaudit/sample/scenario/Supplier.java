package dev.cacheaudit.sample.scenario;

import java.math.BigDecimal;
import java.util.Map;

/** What the supplier's system does when its prices change (scenario {@code foreign-writer}). */
interface Supplier {

    /** Changes the prices of items in the shop's database and tells the shop as this supplier does. */
    void changePrices(Map<Long, BigDecimal> prices);
}
