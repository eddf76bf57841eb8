package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.customer.Customer;
import dev.cacheaudit.sample.customer.CustomerDto;
import dev.cacheaudit.sample.customer.CustomerRepository;

/** The rename the customer scenarios share; only their cache annotations differ. */
final class Renames {

    private Renames() {}

    static CustomerDto rename(CustomerRepository customers, CustomerDto customer, String name) {
        Customer entity =
                customers.findById(customer.id()).orElseThrow(() -> new NotFoundException("customer", customer.id()));
        entity.setName(name);
        return customers.save(entity).toDto();
    }
}
