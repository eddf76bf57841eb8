package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.customer.Customer;
import dev.cacheaudit.sample.customer.CustomerCaches;
import dev.cacheaudit.sample.customer.CustomerDto;
import dev.cacheaudit.sample.customer.CustomerRepository;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;

/** The fix of {@code key-case}: reads and evictions key the cache by the address in lower case. */
class LowerCaseEmailSignIns implements EmailSignIns {

    private final CustomerRepository customers;

    LowerCaseEmailSignIns(CustomerRepository customers) {
        this.customers = Objects.requireNonNull(customers, "customers");
    }

    @Override
    @Cacheable(cacheNames = CustomerCaches.CUSTOMERS_BY_EMAIL, key = "#email.toLowerCase()")
    public CustomerDto signIn(String email) {
        return customers
                .findByEmailIgnoreCase(email)
                .map(Customer::toDto)
                .orElseThrow(() -> new NotFoundException("customer", email));
    }

    @Override
    @CacheEvict(cacheNames = CustomerCaches.CUSTOMERS_BY_EMAIL, key = "#customer.email.toLowerCase()")
    public CustomerDto rename(CustomerDto customer, String name) {
        return Renames.rename(customers, customer, name);
    }
}
