package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.SampleBugs;
import dev.cacheaudit.sample.customer.Customer;
import dev.cacheaudit.sample.customer.CustomerDto;
import dev.cacheaudit.sample.customer.CustomerRepository;
import dev.cacheaudit.sample.demo.Traffic;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * {@code key-login}: profile pages cache customers under their login in lower case ({@code gracelovestea}), a key of
 * words only, while a rename evicts the login as registered ({@code GraceLovesTea}), so profiles keep the old name
 * ({@code KEY_MISMATCH}: the keys differ by letter case); the fix lower-cases the eviction key as the reads do.
 */
@Configuration(proxyBeanMethods = false)
class KeyLoginScenario {

    static final String ID = "key-login";

    @Bean
    LoginProfiles loginProfiles(SampleBugs bugs, CustomerRepository customers) {
        return bugs.enabled(ID) ? new AsRegisteredLoginEvictions(customers) : new LowerCaseLoginEvictions(customers);
    }

    /** Looks two customers up twice, renames each, then looks them up again the same way. */
    @Bean
    @Order(27)
    Traffic loginProfilesTraffic(LoginProfiles service, CustomerRepository customers) {
        return log -> {
            for (long id : Rows.at(Rows.ids(customers, Customer::getId), Rows.CUSTOMERS_BY_LOGIN)) {
                CustomerDto customer = customers.findById(id).orElseThrow().toDto();
                String typed = customer.login().toLowerCase(Locale.ROOT);
                log.read(service.byLogin(typed));
                log.read(service.byLogin(typed));
                CustomerDto renamed = log.write(service.rename(customer, customer.name() + " (renamed)"));
                log.readExpecting(
                        "customer " + id + " by login",
                        renamed.name(),
                        service.byLogin(typed).name());
            }
        };
    }
}
