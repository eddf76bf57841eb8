package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.order.Order;
import dev.cacheaudit.sample.order.OrderRepository;
import java.time.Duration;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The bug of {@code template-key}: statuses are read and set under {@code sample:order:{id}}, but a status change
 * deletes {@code sample:orders:{id}}, which does not exist.
 */
class PluralKeyOrderStatuses implements OrderStatuses {

    private static final Duration TIME_TO_LIVE = Duration.ofMinutes(10);

    private final OrderRepository orders;

    private final StringRedisTemplate redis;

    PluralKeyOrderStatuses(OrderRepository orders, StringRedisTemplate redis) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public String status(long id) {
        String cached = redis.opsForValue().get(KEY_PREFIX + id);
        if (cached != null) {
            return cached;
        }
        String status = load(id).getStatus();
        redis.opsForValue().set(KEY_PREFIX + id, status, TIME_TO_LIVE);
        return status;
    }

    @Override
    @CacheEvict(cacheNames = CacheNames.ORDERS, key = "#id")
    public void changeStatus(long id, String status) {
        Order order = load(id);
        order.setStatus(status);
        orders.save(order);
        redis.delete("sample:orders:" + id);
    }

    private Order load(long id) {
        return orders.findById(id).orElseThrow(() -> new NotFoundException("order", id));
    }
}
