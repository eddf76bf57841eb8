package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.SampleBugs;
import dev.cacheaudit.sample.demo.Traffic;
import dev.cacheaudit.sample.reference.Currency;
import dev.cacheaudit.sample.reference.CurrencyRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code entity-id-equals}: currencies are cached as JPA entities whose {@code equals} compares the id only; a
 * reference-data script renames two of them with plain JDBC and evicts nothing, so the shop keeps showing the old
 * names. The stale entries are still {@code equals} to the new rows: verification compares their state and finds
 * the difference ({@code STALE_READ} naming {@code name}). The fix evicts the renamed currencies.
 */
@Configuration(proxyBeanMethods = false)
class EntityIdEqualsScenario {

    static final String ID = "entity-id-equals";

    /** Currencies renamed, by position in id order. */
    private static final List<Integer> CURRENCIES_RENAMED = List.of(0, 1);

    /** How long prices are shown after the rename: past the grace period and a verification window. */
    private static final long BROWSING_MILLIS = 2_000;

    private static final long PAUSE_MILLIS = 50;

    @Bean
    CurrencyRates currencyRates(CurrencyRepository currencies) {
        return new CurrencyRates(currencies);
    }

    @Bean
    CurrencyRenames currencyRenames(SampleBugs bugs, JdbcTemplate jdbc, CacheManager caches) {
        JdbcCurrencyRenames renames = new JdbcCurrencyRenames(jdbc);
        return bugs.enabled(ID) ? renames : new EvictingCurrencyRenames(renames, caches);
    }

    /** Shows two currencies, renames them, then keeps showing them for a while. */
    @Bean
    @Order(26)
    Traffic entityIdEqualsTraffic(CurrencyRates rates, CurrencyRenames renames, CurrencyRepository currencies) {
        return log -> {
            List<Long> ids = Rows.at(Rows.ids(currencies, Currency::getId), CURRENCIES_RENAMED);
            Map<Long, String> names = new LinkedHashMap<>();
            for (long id : ids) {
                log.read(rates.currency(id));
                Currency before = log.read(rates.currency(id));
                names.put(id, before.getName() + " (renamed)");
            }
            renames.rename(names);
            log.write(names.size());
            for (long id : ids) {
                log.readExpecting(
                        "name of currency " + id,
                        names.get(id),
                        rates.currency(id).getName());
            }
            long end = System.nanoTime() + BROWSING_MILLIS * 1_000_000;
            while (System.nanoTime() < end) {
                ids.forEach(id -> log.read(rates.currency(id)));
                Pause.of(PAUSE_MILLIS);
            }
        };
    }
}
