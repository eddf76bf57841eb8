package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.order.OrderRepository;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.transaction.annotation.Transactional;

/**
 * The fix of {@code dirty-check}: the order is evicted from the caches that hold it; the cache advice runs around the
 * transaction advice, so the eviction happens once the change is committed.
 */
class EvictingDeliveries implements Deliveries {

    private final OrderRepository orders;

    EvictingDeliveries(OrderRepository orders) {
        this.orders = Objects.requireNonNull(orders, "orders");
    }

    @Override
    @Transactional
    @CacheEvict(
            cacheNames = {CacheNames.ORDERS, CacheNames.ORDER_TRACKING},
            key = "#orderId")
    public void markDelivered(long orderId) {
        orders.findById(orderId)
                .orElseThrow(() -> new NotFoundException("order", orderId))
                .setStatus(DELIVERED);
    }
}
