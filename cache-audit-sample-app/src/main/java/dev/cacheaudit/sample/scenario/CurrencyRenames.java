package dev.cacheaudit.sample.scenario;

import java.util.Map;

/** Renames currencies from the back office's reference-data script (scenario {@code entity-id-equals}). */
public interface CurrencyRenames {

    /** Gives the currencies new names, by id. */
    void rename(Map<Long, String> names);
}
