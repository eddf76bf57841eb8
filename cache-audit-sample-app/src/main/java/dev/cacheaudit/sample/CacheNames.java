package dev.cacheaudit.sample;

import java.time.Duration;
import java.util.List;

/** The caches of the sample app, named once so that reads and writes cannot drift apart by a typo. */
public final class CacheNames {

    /** Users by id. */
    public static final String USERS = "users";

    /** Users by e-mail address. */
    public static final String USERS_BY_EMAIL = "usersByEmail";

    /** Products by id. */
    public static final String PRODUCTS = "products";

    /** Orders by id. */
    public static final String ORDERS = "orders";

    /** Every cache above. */
    public static final List<String> ALL = List.of(USERS, USERS_BY_EMAIL, PRODUCTS, ORDERS);

    /** Product prices by product id (scenario {@code job-no-evict}). */
    public static final String PRICES = "prices";

    /** Order tracking by order id (scenario {@code dirty-check}). */
    public static final String ORDER_TRACKING = "orderTracking";

    /** Product ids recommended to a user, by user id (scenario {@code swallowed-evict}). */
    public static final String RECOMMENDATIONS = "recommendations";

    /** Products as shown on product pages, by id, held in this instance's memory (scenario {@code key-type}). */
    public static final String PRODUCT_CARDS = "productCards";

    /** Items by id, for the catalogue (scenario {@code jdbc-bypass}). */
    public static final String ITEMS = "items";

    /** Items with their stock level, by id, as the stock pages read them (scenario {@code replica-lag}). */
    public static final String STOCK_LEVELS = "stockLevels";

    /** Items as the shop's item pages show them, by id, kept for an hour (scenario {@code long-ttl}). */
    public static final String ITEM_PAGES = "itemPages";

    /** The item of the daily deal, by id, kept for a blink in a manager of its own (scenario {@code stampede}). */
    public static final String DAILY_DEALS = "dailyDeals";

    /** Shelf labels of items, by id, filled at start-up in this instance's memory (scenario {@code warm-once}). */
    public static final String ITEM_LABELS = "itemLabels";

    /** All countries, as JPA entities or as DTOs (scenario {@code entity-no-equals}). */
    public static final String COUNTRIES = "countries";

    /** Pages of countries, by page number (scenario {@code entity-no-equals}). */
    public static final String COUNTRY_PAGES = "countryPages";

    /** Currencies by id, as JPA entities with equals by id only (scenario {@code entity-id-equals}). */
    public static final String CURRENCIES = "currencies";

    /** The parcels of a delivery round, by round id (scenario {@code list-old-parent}). */
    public static final String ROUND_PARCELS = "roundParcels";

    /** Stock of items as the shop shows it, by id, held in each instance's memory (scenario {@code local-multi}). */
    public static final String SHELF_STOCK = "shelfStock";

    /** Items as the offers page shows them, by id, in Redis (scenario {@code foreign-writer}). */
    public static final String ITEM_OFFERS = "itemOffers";

    /** Coupons by id, read through a MyBatis mapper (scenario {@code mybatis-no-evict}). */
    public static final String COUPONS = "coupons";

    /** The reviews of a product, by product id, read through a MyBatis mapper (scenario {@code evict-then-insert}). */
    public static final String PRODUCT_REVIEWS = "productReviews";

    /** The Redis caches of the scenarios (the shared manager creates the others on first use). */
    public static final List<String> SCENARIOS = List.of(
            PRICES,
            ORDER_TRACKING,
            RECOMMENDATIONS,
            ITEMS,
            STOCK_LEVELS,
            ITEM_PAGES,
            DAILY_DEALS,
            COUNTRIES,
            COUNTRY_PAGES,
            CURRENCIES,
            ROUND_PARCELS,
            ITEM_OFFERS,
            COUPONS,
            PRODUCT_REVIEWS);

    /**
     * The caches of the shared Redis manager, named at start-up as production apps do, so that Boot binds their meters
     * and the auditor registers them (its counters start at zero) before the first request.
     */
    public static final List<String> SHARED = List.of(
            USERS,
            USERS_BY_EMAIL,
            PRODUCTS,
            ORDERS,
            PRICES,
            ORDER_TRACKING,
            ITEMS,
            STOCK_LEVELS,
            ITEM_PAGES,
            ITEM_OFFERS);

    /** How long {@link #ITEM_PAGES} keeps an entry: far longer than the stock it shows stays unchanged. */
    public static final Duration ITEM_PAGES_TIME_TO_LIVE = Duration.ofHours(1);

    /** The bean name of the in-memory cache manager for caches local to one instance. */
    public static final String LOCAL_CACHE_MANAGER = "localCacheManager";

    private CacheNames() {}
}
