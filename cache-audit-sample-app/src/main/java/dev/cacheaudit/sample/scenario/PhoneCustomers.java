package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.customer.CustomerDto;

/** Customers as the till finds them, by phone number (scenario {@code key-attribute}). */
public interface PhoneCustomers {

    CustomerDto byPhone(String phone);

    /** Renames the customer and invalidates the cached entry. */
    CustomerDto rename(CustomerDto customer, String name);
}
