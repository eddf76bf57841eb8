package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.SampleBugs;
import dev.cacheaudit.sample.demo.Traffic;
import dev.cacheaudit.sample.reference.CountryRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * {@code entity-no-equals}: the country lists are cached as JPA entities without {@code equals} (a list and pages);
 * the other form caches DTO records. The data never changes, so both must stay silent, verification included: the
 * entities are compared by what the database holds, not by {@code equals}.
 */
@Configuration(proxyBeanMethods = false)
class EntityNoEqualsScenario {

    static final String ID = "entity-no-equals";

    /** Long enough for sampled hits to be verified many times. */
    private static final long BROWSING_MILLIS = 2_000;

    private static final long PAUSE_MILLIS = 50;

    @Bean
    CountryDirectory countryDirectory(SampleBugs bugs, CountryRepository countries) {
        return bugs.enabled(ID) ? new EntityCountryDirectory(countries) : new DtoCountryDirectory(countries);
    }

    /** Fills in forms: the country list and the pages of the country picker, again and again. */
    @Bean
    @Order(25)
    Traffic entityNoEqualsTraffic(CountryDirectory directory) {
        return log -> {
            long end = System.nanoTime() + BROWSING_MILLIS * 1_000_000;
            while (System.nanoTime() < end) {
                log.read(directory.countries());
                for (int page = 0; page < 3; page++) {
                    log.read(directory.countryPage(page));
                }
                Pause.of(PAUSE_MILLIS);
            }
        };
    }
}
