package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.customer.CustomerDto;

/** Customers as the sign-in form finds them, by the e-mail address typed in (scenario {@code key-case}). */
public interface EmailSignIns {

    CustomerDto signIn(String email);

    /** Renames the customer and invalidates the cached entry. */
    CustomerDto rename(CustomerDto customer, String name);
}
