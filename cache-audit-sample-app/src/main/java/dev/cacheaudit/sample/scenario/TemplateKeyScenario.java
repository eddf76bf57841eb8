package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.RedisLeftovers;
import dev.cacheaudit.sample.SampleBugs;
import dev.cacheaudit.sample.demo.Traffic;
import dev.cacheaudit.sample.order.Order;
import dev.cacheaudit.sample.order.OrderRepository;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * {@code template-key}: order statuses cached by hand with a {@code StringRedisTemplate} are read and set under
 * {@code sample:order:{id}} but deleted under {@code sample:orders:{id}}, so status changes never reach the cache
 * (wire-level {@code KEY_MISMATCH}); the fix deletes the key it reads. Needs Redis: on the in-memory fallback the
 * traffic only says that it is skipped.
 */
@Configuration(proxyBeanMethods = false)
class TemplateKeyScenario {

    static final String ID = "template-key";

    private static final Logger logger = LoggerFactory.getLogger(TemplateKeyScenario.class);

    /**
     * The statuses cache, once the entries an earlier run left in Redis are gone: the in-memory database starts afresh,
     * so they would be stale from the start.
     */
    @Bean
    @ConditionalOnProperty(name = "spring.cache.type", havingValue = "redis", matchIfMissing = true)
    OrderStatuses orderStatuses(SampleBugs bugs, OrderRepository orders, StringRedisTemplate redis) {
        RedisLeftovers.delete(redis, OrderStatuses.KEY_PREFIX + "*");
        return bugs.enabled(ID) ? new PluralKeyOrderStatuses(orders, redis) : new ReadKeyOrderStatuses(orders, redis);
    }

    /**
     * Reads the status of two orders twice, then cancels each and reads its status again: reads first, as in an
     * application that serves statuses before anyone cancels, so the key namespace is known before the first delete.
     */
    @Bean
    @org.springframework.core.annotation.Order(16)
    Traffic templateKeyTraffic(ObjectProvider<OrderStatuses> provider, OrderRepository orders) {
        return log -> {
            OrderStatuses statuses = provider.getIfAvailable();
            if (statuses == null) {
                logger.warn(
                        "Scenario {} skipped: it caches by hand in Redis, and the app runs on its in-memory cache", ID);
                return;
            }
            List<Long> ids = Rows.at(Rows.ids(orders, Order::getId), Rows.ORDERS_HAND_CACHED);
            for (long id : ids) {
                log.read(statuses.status(id));
                log.read(statuses.status(id));
            }
            for (long id : ids) {
                statuses.changeStatus(id, "CANCELLED");
                log.write(id);
                log.readExpecting("status of order " + id, "CANCELLED", statuses.status(id));
            }
        };
    }
}
