package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.customer.Customer;
import dev.cacheaudit.sample.customer.CustomerCaches;
import dev.cacheaudit.sample.customer.CustomerDto;
import dev.cacheaudit.sample.customer.CustomerRepository;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;

/** The bug of {@code key-login}: profiles are cached by the login in lower case, a rename evicts the login as registered ({@code GraceLovesTea}). */
class AsRegisteredLoginEvictions implements LoginProfiles {

    private final CustomerRepository customers;

    AsRegisteredLoginEvictions(CustomerRepository customers) {
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
    @CacheEvict(cacheNames = CustomerCaches.CUSTOMERS_BY_LOGIN, key = "#customer.login")
    public CustomerDto rename(CustomerDto customer, String name) {
        return Renames.rename(customers, customer, name);
    }
}
