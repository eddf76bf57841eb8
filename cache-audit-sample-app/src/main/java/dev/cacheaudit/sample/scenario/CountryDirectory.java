package dev.cacheaudit.sample.scenario;

import java.util.List;
import org.springframework.data.domain.Page;

/** The country lists of the shop's forms (scenario {@code entity-no-equals}). */
public interface CountryDirectory {

    /** Every country, by code. */
    List<?> countries();

    /** One page of countries, by code. */
    Page<?> countryPage(int page);
}
