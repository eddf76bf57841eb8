package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.order.OrderRepository;
import java.util.Objects;
import org.springframework.transaction.annotation.Transactional;

/**
 * The bug of {@code dirty-check}: the managed order is changed inside the transaction and Hibernate writes it at commit
 * — no {@code save}, and no eviction of the caches that hold the order.
 */
class DirtyCheckingDeliveries implements Deliveries {

    private final OrderRepository orders;

    DirtyCheckingDeliveries(OrderRepository orders) {
        this.orders = Objects.requireNonNull(orders, "orders");
    }

    @Override
    @Transactional
    public void markDelivered(long orderId) {
        orders.findById(orderId)
                .orElseThrow(() -> new NotFoundException("order", orderId))
                .setStatus(DELIVERED);
    }
}
