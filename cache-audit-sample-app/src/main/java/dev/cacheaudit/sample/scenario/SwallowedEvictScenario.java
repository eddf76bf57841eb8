package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.RedisCacheSetup;
import dev.cacheaudit.sample.RedisNamespace;
import dev.cacheaudit.sample.SampleBugs;
import dev.cacheaudit.sample.demo.Traffic;
import dev.cacheaudit.sample.order.OrderRepository;
import dev.cacheaudit.sample.product.Product;
import dev.cacheaudit.sample.product.ProductRepository;
import dev.cacheaudit.sample.user.User;
import dev.cacheaudit.sample.user.UserRepository;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * {@code swallowed-evict}: the recommendations cache's evictions fail in Redis (its connection's user may not
 * {@code DEL}) and a logging {@code CacheErrorHandler} swallows the failure, so users keep old recommendations
 * ({@code EVICTION_FAILED}); the fix uses the application's connection and lets cache failures surface. Needs Redis:
 * on the in-memory fallback the traffic only says that it is skipped.
 */
@Configuration(proxyBeanMethods = false)
class SwallowedEvictScenario {

    static final String ID = "swallowed-evict";

    private static final Logger logger = LoggerFactory.getLogger(SwallowedEvictScenario.class);

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "spring.cache.type", havingValue = "redis", matchIfMissing = true)
    static class OnRedis {

        @Bean
        RecommendationConnection recommendationConnection(
                SampleBugs bugs,
                RedisConnectionFactory connectionFactory,
                @Value("${spring.data.redis.host:127.0.0.1}") String host,
                @Value("${spring.data.redis.port:6379}") int port) {
            return bugs.enabled(ID)
                    ? RecommendationConnection.withoutDelete(connectionFactory, host, port)
                    : RecommendationConnection.shared(connectionFactory);
        }

        @Bean(Recommendations.CACHE_MANAGER)
        RedisCacheManager recommendationCacheManager(RecommendationConnection connection, RedisNamespace namespace) {
            return RedisCacheManager.builder(RedisCacheSetup.immediateWriter(connection.connectionFactory()))
                    .cacheDefaults(namespace.cacheConfiguration(Duration.ofMinutes(10)))
                    .initialCacheNames(java.util.Set.of(CacheNames.RECOMMENDATIONS))
                    .enableStatistics()
                    .build();
        }

        @Bean
        Recommendations recommendations(OrderRepository orders) {
            return new Recommendations(orders);
        }
    }

    /** Two users look at their recommendations, each orders a product, then looks again. */
    @Bean
    @Order(17)
    Traffic swallowedEvictTraffic(
            ObjectProvider<Recommendations> provider,
            UserRepository users,
            ProductRepository products,
            OrderRepository orders) {
        return log -> {
            Recommendations recommendations = provider.getIfAvailable();
            if (recommendations == null) {
                logger.warn(
                        "Scenario {} skipped: its cache lives in Redis, and the app runs on its in-memory cache", ID);
                return;
            }
            long productId = Rows.ids(products, Product::getId).get(Rows.PRODUCT_ORDERED);
            for (long userId : Rows.at(Rows.ids(users, User::getId), Rows.USERS_ORDERING)) {
                log.read(recommendations.forUser(userId));
                log.read(recommendations.forUser(userId));
                log.write(recommendations.placeOrder(userId, productId, 1));
                List<Long> expected = Recommendations.of(orders.findByUserIdOrderByIdDesc(userId));
                log.readExpecting("recommendations of user " + userId, expected, recommendations.forUser(userId));
            }
        };
    }
}
