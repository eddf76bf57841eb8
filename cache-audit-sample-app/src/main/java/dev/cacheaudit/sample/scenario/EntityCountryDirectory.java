package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.reference.Country;
import dev.cacheaudit.sample.reference.CountryRepository;
import java.util.List;
import java.util.Objects;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/**
 * {@code entity-no-equals}: read-only reference data cached as the JPA entities themselves, which have no
 * {@code equals}: a list of them and pages of them. Nothing is wrong here, and nothing must be reported: a verifier that
 * compared by {@code equals} would call every entry stale.
 */
class EntityCountryDirectory implements CountryDirectory {

    static final int PAGE_SIZE = 3;

    private final CountryRepository countries;

    EntityCountryDirectory(CountryRepository countries) {
        this.countries = Objects.requireNonNull(countries, "countries");
    }

    @Override
    @Cacheable(cacheNames = CacheNames.COUNTRIES, key = "'all'")
    public List<Country> countries() {
        return countries.findAll(Sort.by("code"));
    }

    @Override
    @Cacheable(cacheNames = CacheNames.COUNTRY_PAGES, key = "#page")
    public Page<Country> countryPage(int page) {
        return countries.findAll(PageRequest.of(page, PAGE_SIZE, Sort.by("code")));
    }
}
