package dev.cacheaudit.sample.reference;

import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/** Fills the reference tables once, when they are empty. */
@Component
public class ReferenceData implements SmartInitializingSingleton {

    private final CountryRepository countries;

    private final CurrencyRepository currencies;

    public ReferenceData(CountryRepository countries, CurrencyRepository currencies) {
        this.countries = Objects.requireNonNull(countries, "countries");
        this.currencies = Objects.requireNonNull(currencies, "currencies");
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (countries.count() == 0) {
            countries.saveAll(List.of(
                    new Country("AT", "Austria"),
                    new Country("BE", "Belgium"),
                    new Country("CH", "Switzerland"),
                    new Country("DE", "Germany"),
                    new Country("FR", "France"),
                    new Country("IT", "Italy"),
                    new Country("NO", "Norway")));
        }
        if (currencies.count() == 0) {
            currencies.saveAll(List.of(
                    new Currency("CHF", "Swiss franc", 2),
                    new Currency("EUR", "Euro", 2),
                    new Currency("JPY", "Japanese yen", 0),
                    new Currency("NOK", "Norwegian krone", 2)));
        }
    }
}
