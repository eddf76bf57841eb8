package dev.cacheaudit.sample.order;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/** Orders, read through the {@code orders} cache; a status change evicts the entry under the key the read uses. */
@Service
public class OrderService {

    private final OrderRepository orders;

    public OrderService(OrderRepository orders) {
        this.orders = Objects.requireNonNull(orders, "orders");
    }

    @Cacheable(cacheNames = CacheNames.ORDERS, key = "#id")
    public OrderDto find(long id) {
        return orders.findById(id).map(Order::toDto).orElseThrow(() -> new NotFoundException("order", id));
    }

    @CacheEvict(cacheNames = CacheNames.ORDERS, key = "#id")
    public OrderDto changeStatus(long id, String status) {
        Order order = orders.findById(id).orElseThrow(() -> new NotFoundException("order", id));
        order.setStatus(status);
        return orders.save(order).toDto();
    }
}
