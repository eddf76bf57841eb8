package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.customer.Customer;
import dev.cacheaudit.sample.customer.CustomerCaches;
import dev.cacheaudit.sample.customer.CustomerDto;
import dev.cacheaudit.sample.customer.CustomerRepository;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;

/** The fix of {@code key-login}: the eviction lower-cases the login as the reads do. */
class LowerCaseLoginEvictions implements LoginProfiles {

    private final CustomerRepository customers;

    LowerCaseLoginEvictions(CustomerRepository customers) {
        this.customers = Objects.requireNonNull(customers, "customers");
    }

    @Override
    @Cacheable(cacheNames = CustomerCaches.CUSTOMERS_BY_LOGIN, key = "#login.toLowerCase()")
    public CustomerDto byLogin(String login) {
        return customers
                .findByLoginIgnoreCase(login)
                .map(Customer::toDto)
                .orElseThrow(() -> new NotFoundException("customer", login));
    }

    @Override
    @CacheEvict(cacheNames = CustomerCaches.CUSTOMERS_BY_LOGIN, key = "#customer.login.toLowerCase()")
    public CustomerDto rename(CustomerDto customer, String name) {
        return Renames.rename(customers, customer, name);
    }
}
