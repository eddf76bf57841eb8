package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.order.OrderRepository;
import java.io.Serializable;
import java.util.Objects;
import org.springframework.cache.annotation.Cacheable;

/** Where an order stands, for the tracking page, cached by order id (scenario {@code dirty-check}). */
public class OrderTracking {

    private final OrderRepository orders;

    OrderTracking(OrderRepository orders) {
        this.orders = Objects.requireNonNull(orders, "orders");
    }

    @Cacheable(cacheNames = CacheNames.ORDER_TRACKING, key = "#orderId")
    public Tracking track(long orderId) {
        return orders.findById(orderId)
                .map(order -> new Tracking(orderId, order.getStatus()))
                .orElseThrow(() -> new NotFoundException("order", orderId));
    }

    /**
     * What the tracking page shows.
     *
     * @param orderId the order
     * @param status where it stands
     */
    public record Tracking(long orderId, String status) implements Serializable {}
}
