package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.order.Order;
import dev.cacheaudit.sample.order.OrderRepository;
import java.util.List;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;

/**
 * "Buy it again": the products a user ordered last, cached per user in a Redis cache of its own, and evicted when the
 * user places an order (scenario {@code swallowed-evict}).
 */
public class Recommendations {

    /** The bean name of the cache manager of the recommendations cache. */
    static final String CACHE_MANAGER = "recommendationCacheManager";

    private static final int MAX = 5;

    private final OrderRepository orders;

    Recommendations(OrderRepository orders) {
        this.orders = Objects.requireNonNull(orders, "orders");
    }

    @Cacheable(cacheNames = CacheNames.RECOMMENDATIONS, cacheManager = CACHE_MANAGER, key = "#userId")
    public List<Long> forUser(long userId) {
        return of(orders.findByUserIdOrderByIdDesc(userId));
    }

    @CacheEvict(cacheNames = CacheNames.RECOMMENDATIONS, cacheManager = CACHE_MANAGER, key = "#userId")
    public long placeOrder(long userId, long productId, int quantity) {
        return Objects.requireNonNull(
                orders.save(new Order(userId, productId, quantity, "NEW")).getId());
    }

    /** The recommendations made from a user's orders, the latest first. */
    static List<Long> of(List<Order> latestFirst) {
        return latestFirst.stream()
                .map(Order::getProductId)
                .distinct()
                .limit(MAX)
                .toList();
    }
}
