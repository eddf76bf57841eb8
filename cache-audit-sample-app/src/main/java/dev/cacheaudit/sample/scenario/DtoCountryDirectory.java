package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.reference.Country;
import dev.cacheaudit.sample.reference.CountryDto;
import dev.cacheaudit.sample.reference.CountryRepository;
import java.util.List;
import java.util.Objects;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/** The other form of {@code entity-no-equals}: the same reference data cached as DTO records. Silent too. */
class DtoCountryDirectory implements CountryDirectory {

    private final CountryRepository countries;

    DtoCountryDirectory(CountryRepository countries) {
        this.countries = Objects.requireNonNull(countries, "countries");
    }

    @Override
    @Cacheable(cacheNames = CacheNames.COUNTRIES, key = "'all'")
    public List<CountryDto> countries() {
        return countries.findAll(Sort.by("code")).stream().map(Country::toDto).toList();
    }

    @Override
    @Cacheable(cacheNames = CacheNames.COUNTRY_PAGES, key = "#page")
    public Page<CountryDto> countryPage(int page) {
        return countries
                .findAll(PageRequest.of(page, EntityCountryDirectory.PAGE_SIZE, Sort.by("code")))
                .map(Country::toDto);
    }
}
