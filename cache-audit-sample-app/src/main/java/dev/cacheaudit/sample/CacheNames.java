package dev.cacheaudit.sample;

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

    /** The Redis caches of the scenarios. */
    public static final List<String> SCENARIOS = List.of(PRICES, ORDER_TRACKING, RECOMMENDATIONS);

    /** The bean name of the in-memory cache manager for caches local to one instance. */
    public static final String LOCAL_CACHE_MANAGER = "localCacheManager";

    private CacheNames() {}
}
