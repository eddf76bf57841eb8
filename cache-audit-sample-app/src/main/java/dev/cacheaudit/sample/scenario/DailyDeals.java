package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.item.ItemDto;
import java.time.Duration;

/** The daily deal, which every visitor of the home page reads (scenario {@code stampede}). */
public interface DailyDeals {

    /** The bean name of the deals' cache manager. */
    String CACHE_MANAGER = "dailyDealsCacheManager";

    /** How long the deal is cached: so short that the hot deal expires many times a second. */
    Duration TIME_TO_LIVE = Duration.ofMillis(80);

    /** How long loading the deal takes: it is priced by a slow query. */
    long LOAD_MILLIS = 30;

    /** The item on deal. */
    ItemDto deal(long id);
}
