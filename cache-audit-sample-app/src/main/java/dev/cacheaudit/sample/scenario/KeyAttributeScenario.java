package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.SampleBugs;
import dev.cacheaudit.sample.customer.Customer;
import dev.cacheaudit.sample.customer.CustomerDto;
import dev.cacheaudit.sample.customer.CustomerRepository;
import dev.cacheaudit.sample.demo.Traffic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * {@code key-attribute}: the till finds customers by phone number and caches them under it, while a rename evicts
 * {@code #customer.id}, so the till keeps the old name ({@code KEY_MISMATCH}: reads by phone, evictions by id); the
 * fix evicts {@code #customer.phone}.
 */
@Configuration(proxyBeanMethods = false)
class KeyAttributeScenario {

    static final String ID = "key-attribute";

    @Bean
    PhoneCustomers phoneCustomers(SampleBugs bugs, CustomerRepository customers) {
        return bugs.enabled(ID) ? new IdEvictingCustomers(customers) : new PhoneEvictingCustomers(customers);
    }

    /** Looks two customers up twice, renames each, then looks them up again the same way. */
    @Bean
    @Order(25)
    Traffic phoneCustomersTraffic(PhoneCustomers service, CustomerRepository customers) {
        return log -> {
            for (long id : Rows.at(Rows.ids(customers, Customer::getId), Rows.CUSTOMERS_FOUND_BY_PHONE)) {
                CustomerDto customer = customers.findById(id).orElseThrow().toDto();
                String typed = customer.phone();
                log.read(service.byPhone(typed));
                log.read(service.byPhone(typed));
                CustomerDto renamed = log.write(service.rename(customer, customer.name() + " (renamed)"));
                log.readExpecting(
                        "customer " + id + " by phone",
                        renamed.name(),
                        service.byPhone(typed).name());
            }
        };
    }
}
