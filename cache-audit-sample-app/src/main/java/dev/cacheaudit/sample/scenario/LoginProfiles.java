package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.customer.CustomerDto;

/** Customer profiles as the community pages find them, by login (scenario {@code key-login}). */
public interface LoginProfiles {

    CustomerDto byLogin(String login);

    /** Renames the customer and invalidates the cached entry. */
    CustomerDto rename(CustomerDto customer, String name);
}
