package dev.cacheaudit.sample.scenario;

import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bug of {@code entity-id-equals}: the script updates the rows with plain JDBC and evicts nothing. The cached
 * currencies are still {@code equals} to the new rows (same id), so only a comparison by state sees the difference.
 */
class JdbcCurrencyRenames implements CurrencyRenames {

    private final JdbcTemplate jdbc;

    JdbcCurrencyRenames(JdbcTemplate jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    @Override
    public void rename(Map<Long, String> names) {
        names.forEach((id, name) -> jdbc.update("update currencies set name = ? where id = ?", name, id));
    }
}
