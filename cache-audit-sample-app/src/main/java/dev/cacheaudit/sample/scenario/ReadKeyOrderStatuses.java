package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.order.Order;
import dev.cacheaudit.sample.order.OrderRepository;
import java.time.Duration;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The fix of {@code template-key}: reads, sets and deletes build the key in one place. */
class ReadKeyOrderStatuses implements OrderStatuses {

    private static final Duration TIME_TO_LIVE = Duration.ofMinutes(10);

    private final OrderRepository orders;

    private final StringRedisTemplate redis;

    ReadKeyOrderStatuses(OrderRepository orders, StringRedisTemplate redis) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public String status(long id) {
        String cached = redis.opsForValue().get(key(id));
        if (cached != null) {
            return cached;
        }
        String status = load(id).getStatus();
        redis.opsForValue().set(key(id), status, TIME_TO_LIVE);
        return status;
    }

    @Override
    @CacheEvict(cacheNames = CacheNames.ORDERS, key = "#id")
    public void changeStatus(long id, String status) {
        Order order = load(id);
        order.setStatus(status);
        orders.save(order);
        redis.delete(key(id));
    }

    private static String key(long id) {
        return KEY_PREFIX + id;
    }

    private Order load(long id) {
        return orders.findById(id).orElseThrow(() -> new NotFoundException("order", id));
    }
}
