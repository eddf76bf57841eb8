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
 * {@code key-case}: the sign-in form caches the customer under the address as typed ({@code Erin@Example.com})
 * while a rename evicts the stored address ({@code erin@example.com}), so signing in keeps the old name
 * ({@code KEY_MISMATCH}: the keys differ by letter case); the fix keys reads and evictions by the address in lower
 * case.
 */
@Configuration(proxyBeanMethods = false)
class KeyCaseScenario {

    static final String ID = "key-case";

    @Bean
    EmailSignIns emailSignIns(SampleBugs bugs, CustomerRepository customers) {
        return bugs.enabled(ID) ? new TypedEmailSignIns(customers) : new LowerCaseEmailSignIns(customers);
    }

    /** Looks two customers up twice, renames each, then looks them up again the same way. */
    @Bean
    @Order(26)
    Traffic emailSignInsTraffic(EmailSignIns service, CustomerRepository customers) {
        return log -> {
            for (long id : Rows.at(Rows.ids(customers, Customer::getId), Rows.CUSTOMERS_SIGNING_IN)) {
                CustomerDto customer = customers.findById(id).orElseThrow().toDto();
                String typed = capitalised(customer.email());
                log.read(service.signIn(typed));
                log.read(service.signIn(typed));
                CustomerDto renamed = log.write(service.rename(customer, customer.name() + " (renamed)"));
                log.readExpecting(
                        "customer " + id + " by address",
                        renamed.name(),
                        service.signIn(typed).name());
            }
        };
    }

    /** An address as people type it into a form: {@code Erin@Example.com} for {@code erin@example.com}. */
    static String capitalised(String address) {
        StringBuilder out = new StringBuilder(address.length());
        boolean start = true;
        for (char c : address.toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : c);
            start = c == '@' || c == '.';
        }
        return out.toString();
    }
}
