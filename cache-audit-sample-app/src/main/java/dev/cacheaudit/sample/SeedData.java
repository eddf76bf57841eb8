package dev.cacheaudit.sample;

import dev.cacheaudit.sample.order.Order;
import dev.cacheaudit.sample.order.OrderRepository;
import dev.cacheaudit.sample.product.Product;
import dev.cacheaudit.sample.product.ProductRepository;
import dev.cacheaudit.sample.user.User;
import dev.cacheaudit.sample.user.UserRepository;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Component;

/**
 * Fills an empty database with a handful of rows, then empties the caches: Redis outlives this process while the
 * in-memory database does not, so entries left by an earlier run would be stale from the start. Both happen once every
 * bean exists and before the web server takes requests, so no request sees the earlier run's entries.
 */
@Component
class SeedData implements SmartInitializingSingleton {

    private static final Logger logger = LoggerFactory.getLogger(SeedData.class);

    private final UserRepository users;

    private final ProductRepository products;

    private final OrderRepository orders;

    private final CacheManager caches;

    SeedData(UserRepository users, ProductRepository products, OrderRepository orders, CacheManager caches) {
        this.users = Objects.requireNonNull(users, "users");
        this.products = Objects.requireNonNull(products, "products");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.caches = Objects.requireNonNull(caches, "caches");
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (users.count() == 0) {
            seed();
        }
        for (String name : CacheNames.ALL) {
            Cache cache = caches.getCache(name);
            if (cache != null) {
                cache.invalidate();
            }
        }
    }

    private void seed() {
        List<User> seededUsers = users.saveAll(List.of(
                new User("alice@example.com", "Alice"),
                new User("bob@example.com", "Bob"),
                new User("carol@example.com", "Carol"),
                new User("dave@example.com", "Dave")));
        List<Product> seededProducts = products.saveAll(List.of(
                new Product("Espresso beans", new BigDecimal("12.50")),
                new Product("Milk frother", new BigDecimal("39.90")),
                new Product("Ceramic cup", new BigDecimal("8.00"))));
        for (int i = 0; i < 5; i++) {
            User user = seededUsers.get(i % seededUsers.size());
            Product product = seededProducts.get(i % seededProducts.size());
            orders.save(new Order(
                    Objects.requireNonNull(user.getId()), Objects.requireNonNull(product.getId()), 1 + i, "NEW"));
        }
        logger.info("Seeded {} users, {} products and {} orders", users.count(), products.count(), orders.count());
    }
}
