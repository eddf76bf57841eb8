package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.customer.Customer;
import dev.cacheaudit.sample.customer.CustomerCaches;
import dev.cacheaudit.sample.customer.CustomerDto;
import dev.cacheaudit.sample.customer.CustomerRepository;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;

/** The bug of {@code key-case}: sign-ins cache the address as typed ({@code Erin@Example.com}), a rename evicts the stored one ({@code erin@example.com}). */
class TypedEmailSignIns implements EmailSignIns {

    private final CustomerRepository customers;

    TypedEmailSignIns(CustomerRepository customers) {
        this.customers = Objects.requireNonNull(customers, "customers");
    }

    @Override
    @Cacheable(cacheNames = CustomerCaches.CUSTOMERS_BY_EMAIL, key = "#email")
    public CustomerDto signIn(String email) {
        return customers
                .findByEmailIgnoreCase(email)
                .map(Customer::toDto)
                .orElseThrow(() -> new NotFoundException("customer", email));
    }

    @Override
    @CacheEvict(cacheNames = CustomerCaches.CUSTOMERS_BY_EMAIL, key = "#customer.email")
    public CustomerDto rename(CustomerDto customer, String name) {
        return Renames.rename(customers, customer, name);
    }
}
