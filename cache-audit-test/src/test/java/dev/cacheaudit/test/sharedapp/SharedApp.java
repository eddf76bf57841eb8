package dev.cacheaudit.test.sharedapp;

import java.time.Duration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * A small application whose instances share one Redis cache of JPA products: one copy for every instance, so a write
 * that evicts nothing leaves every instance serving the old product.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableCaching
public class SharedApp {

    @Bean
    CacheManager cacheManager(RedisConnectionFactory connectionFactory, Environment environment) {
        // Keys under the fleet's own prefix, so that parallel runs on one Redis never share entries.
        String prefix = environment.getRequiredProperty("cache-audit.fleet.channel-prefix") + ":";
        return RedisCacheManager.builder(RedisCacheWriter.nonLockingRedisCacheWriter(connectionFactory))
                .cacheDefaults(RedisCacheConfiguration.defaultCacheConfig()
                        .entryTtl(Duration.ofMinutes(5))
                        .prefixCacheNameWith(prefix))
                .build();
    }

    @Bean
    Products products(ProductRepository repository) {
        return new Products(repository);
    }
}
