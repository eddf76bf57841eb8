package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.SampleBugs;
import dev.cacheaudit.sample.demo.Traffic;
import dev.cacheaudit.sample.order.Order;
import dev.cacheaudit.sample.order.OrderRepository;
import dev.cacheaudit.sample.order.OrderService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code dirty-check}: marking an order delivered changes the managed order inside a {@code @Transactional} method, with no {@code save} and
 * no eviction, so the tracking page keeps the old status ({@code UNCOVERED_WRITE}, seen through Hibernate's flush);
 * the fix evicts the order from the caches that hold it, after the commit.
 */
@Configuration(proxyBeanMethods = false)
class DirtyCheckScenario {

    static final String ID = "dirty-check";

    @Bean
    OrderTracking orderTracking(OrderRepository orders) {
        return new OrderTracking(orders);
    }

    @Bean
    Deliveries deliveries(SampleBugs bugs, OrderRepository orders) {
        return bugs.enabled(ID) ? new DirtyCheckingDeliveries(orders) : new EvictingDeliveries(orders);
    }

    /** Tracks three orders twice, marks each delivered, then tracks and reads it again. */
    @Bean
    @org.springframework.core.annotation.Order(19)
    Traffic dirtyCheckTraffic(
            OrderTracking tracking, Deliveries deliveries, OrderService service, OrderRepository orders) {
        return log -> {
            for (long id : Rows.at(Rows.ids(orders, Order::getId), Rows.ORDERS_DELIVERED)) {
                log.read(tracking.track(id));
                log.read(tracking.track(id));
                deliveries.markDelivered(id);
                log.write(id);
                log.readExpecting(
                        "tracking of order " + id,
                        Deliveries.DELIVERED,
                        tracking.track(id).status());
                log.readExpecting(
                        "order " + id, Deliveries.DELIVERED, service.find(id).status());
            }
        };
    }
}
