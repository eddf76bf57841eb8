package dev.cacheaudit.sample.customer;

import dev.cacheaudit.sample.RedisLeftovers;
import dev.cacheaudit.sample.RedisNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cache.CacheManager;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Fills an empty customers table, then deletes the customer entries an earlier run left in Redis: the in-memory
 * database starts afresh, so they would be stale from the start.
 */
@Component
class CustomerSeed implements SmartInitializingSingleton {

    /** The caches of the customer scenarios. */
    static final List<String> CACHES = List.of(
            CustomerCaches.CUSTOMERS_BY_PHONE, CustomerCaches.CUSTOMERS_BY_EMAIL, CustomerCaches.CUSTOMERS_BY_LOGIN);

    private static final String[] NAMES = {"Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy"};

    private final CustomerRepository customers;

    private final CacheManager caches;

    private final ObjectProvider<StringRedisTemplate> redis;

    private final RedisNamespace namespace;

    CustomerSeed(
            CustomerRepository customers,
            CacheManager caches,
            ObjectProvider<StringRedisTemplate> redis,
            RedisNamespace namespace) {
        this.customers = Objects.requireNonNull(customers, "customers");
        this.caches = Objects.requireNonNull(caches, "caches");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (customers.count() == 0) {
            List<Customer> seeded = new ArrayList<>();
            for (int i = 0; i < NAMES.length; i++) {
                String name = NAMES[i];
                // Logins keep the capitals their owners chose; e-mail addresses are stored in lower case.
                seeded.add(new Customer(
                        String.format("555-01%02d", i + 1),
                        name.toLowerCase(java.util.Locale.ROOT) + "@example.com",
                        name + "Loves" + (i % 2 == 0 ? "Tea" : "Coffee"),
                        name));
            }
            customers.saveAll(seeded);
        }
        if (caches instanceof RedisCacheManager) {
            StringRedisTemplate template = redis.getObject();
            CACHES.forEach(name -> RedisLeftovers.delete(template, namespace.name(name + "::*")));
        }
    }
}
