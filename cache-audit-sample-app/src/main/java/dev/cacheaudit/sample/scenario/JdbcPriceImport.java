package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.item.Item;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bug of {@code jdbc-bypass}: the import updates the rows with a {@code JdbcTemplate}, below JPA and below the
 * caches, and tells no cache, so the catalogue keeps the old prices.
 */
class JdbcPriceImport implements PriceImport {

    private final JdbcTemplate jdbc;

    JdbcPriceImport(JdbcTemplate jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    @Override
    public void importPrices(Map<Long, BigDecimal> prices) {
        List<Object[]> rows = prices.entrySet().stream()
                .map(price -> new Object[] {Item.money(price.getValue()), price.getKey()})
                .toList();
        jdbc.batchUpdate("update items set price = ? where id = ?", rows);
    }
}
