package dev.cacheaudit.sample;

import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemRepository;
import dev.cacheaudit.sample.order.Order;
import dev.cacheaudit.sample.order.OrderRepository;
import dev.cacheaudit.sample.product.Product;
import dev.cacheaudit.sample.product.ProductRepository;
import dev.cacheaudit.sample.user.User;
import dev.cacheaudit.sample.user.UserRepository;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cache.CacheManager;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Fills an empty database with a handful of rows, then deletes the cache entries an earlier run left in Redis: Redis
 * outlives this process while the in-memory database does not, so they would be stale from the start. Both happen once
 * every bean exists and before the web server takes requests, so no request sees the earlier run's entries. In-memory
 * caches start empty and need nothing.
 *
 * <p>The entries are deleted as Redis keys ({@link RedisLeftovers}), not cleared through the caches: a clear through
 * the cache is recorded by cache-audit as an invalidation by this application, and one that close to the first
 * requests would count as covering their writes.
 */
@Component
class SeedData implements SmartInitializingSingleton {

    private static final Logger logger = LoggerFactory.getLogger(SeedData.class);

    /** Items seeded: enough for every scenario that writes items to have rows of its own. */
    private static final int ITEMS = 12;

    private final UserRepository users;

    private final ProductRepository products;

    private final OrderRepository orders;

    private final ItemRepository items;

    private final CacheManager caches;

    private final ObjectProvider<StringRedisTemplate> redis;

    private final RedisNamespace namespace;

    SeedData(
            UserRepository users,
            ProductRepository products,
            OrderRepository orders,
            ItemRepository items,
            CacheManager caches,
            ObjectProvider<StringRedisTemplate> redis,
            RedisNamespace namespace) {
        this.users = Objects.requireNonNull(users, "users");
        this.products = Objects.requireNonNull(products, "products");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.items = Objects.requireNonNull(items, "items");
        this.caches = Objects.requireNonNull(caches, "caches");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (users.count() == 0) {
            seed();
        }
        // Items came later than the other tables, and grew: a database kept from an earlier version may have fewer.
        if (items.count() < ITEMS) {
            seedItems(items.count());
        }
        if (caches instanceof RedisCacheManager) {
            StringRedisTemplate template = redis.getObject();
            Stream.concat(CacheNames.ALL.stream(), CacheNames.SCENARIOS.stream())
                    .forEach(name -> RedisLeftovers.delete(template, namespace.name(name + "::*")));
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
                new Product("Ceramic cup", new BigDecimal("8.00")),
                new Product("Hand grinder", new BigDecimal("64.00")),
                new Product("Pour-over kettle", new BigDecimal("45.00")),
                new Product("Paper filters", new BigDecimal("4.50")),
                new Product("Tea sampler", new BigDecimal("18.00")),
                new Product("Travel mug", new BigDecimal("22.00"))));
        for (int i = 0; i < 5; i++) {
            User user = seededUsers.get(i % seededUsers.size());
            Product product = seededProducts.get(i % seededProducts.size());
            orders.save(new Order(
                    Objects.requireNonNull(user.getId()), Objects.requireNonNull(product.getId()), 1 + i, "NEW"));
        }
        logger.info("Seeded {} users, {} products and {} orders", users.count(), products.count(), orders.count());
    }

    private void seedItems(long present) {
        List<Item> seeded = new ArrayList<>();
        for (int i = (int) present + 1; i <= ITEMS; i++) {
            seeded.add(new Item(String.format("SKU-%03d", i), new BigDecimal(5 * i), 20 + i));
        }
        items.saveAll(seeded);
        logger.info("Seeded {} items", items.count());
    }
}
