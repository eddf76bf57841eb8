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

    private CacheNames() {}
}
