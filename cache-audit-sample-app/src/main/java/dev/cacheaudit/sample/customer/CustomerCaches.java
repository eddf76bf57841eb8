package dev.cacheaudit.sample.customer;

/** The caches of customers, named once. */
public final class CustomerCaches {

    /** Customers by phone number, as the till finds them (scenario {@code key-attribute}). */
    public static final String CUSTOMERS_BY_PHONE = "customersByPhone";

    /** Customers by e-mail address, as the sign-in form finds them (scenario {@code key-case}). */
    public static final String CUSTOMERS_BY_EMAIL = "customersByEmail";

    /** Customers by login, as the community pages find them (scenario {@code key-login}). */
    public static final String CUSTOMERS_BY_LOGIN = "customersByLogin";

    private CustomerCaches() {}
}
