package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.reference.Currency;
import dev.cacheaudit.sample.reference.CurrencyRepository;
import java.util.Objects;
import org.springframework.cache.annotation.Cacheable;

/** Currencies by id, cached as the JPA entities, whose equals compares the id only (scenario {@code entity-id-equals}). */
public class CurrencyRates {

    private final CurrencyRepository currencies;

    CurrencyRates(CurrencyRepository currencies) {
        this.currencies = Objects.requireNonNull(currencies, "currencies");
    }

    @Cacheable(cacheNames = CacheNames.CURRENCIES, key = "#id")
    public Currency currency(long id) {
        return currencies.findById(id).orElseThrow(() -> new NotFoundException("currency", id));
    }
}
