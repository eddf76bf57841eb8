package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.customer.Customer;
import dev.cacheaudit.sample.customer.CustomerCaches;
import dev.cacheaudit.sample.customer.CustomerDto;
import dev.cacheaudit.sample.customer.CustomerRepository;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;

/** The fix of {@code key-attribute}: a rename evicts the key reads use, {@code #customer.phone}. */
class PhoneEvictingCustomers implements PhoneCustomers {

    private final CustomerRepository customers;

    PhoneEvictingCustomers(CustomerRepository customers) {
        this.customers = Objects.requireNonNull(customers, "customers");
    }

    @Override
    @Cacheable(cacheNames = CustomerCaches.CUSTOMERS_BY_PHONE, key = "#phone")
    public CustomerDto byPhone(String phone) {
        return customers
                .findByPhone(phone)
                .map(Customer::toDto)
                .orElseThrow(() -> new NotFoundException("customer", phone));
    }

    @Override
    @CacheEvict(cacheNames = CustomerCaches.CUSTOMERS_BY_PHONE, key = "#customer.phone")
    public CustomerDto rename(CustomerDto customer, String name) {
        return Renames.rename(customers, customer, name);
    }
}
