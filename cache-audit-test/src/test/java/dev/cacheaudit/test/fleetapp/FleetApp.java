package dev.cacheaudit.test.fleetapp;

import java.nio.charset.StandardCharsets;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * A small application the multi-instance helper starts several times: JPA items in a local cache, with the bug (only
 * the writing instance evicts) or, with {@code fleetapp.broadcast=true}, its fix (every instance evicts on a Redis
 * broadcast).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableCaching
public class FleetApp {

    @Bean
    CacheManager cacheManager() {
        return new ConcurrentMapCacheManager("items");
    }

    @Bean
    Items items(ItemRepository repository, StringRedisTemplate redis, Environment environment) {
        return new Items(
                repository,
                redis,
                channel(environment),
                environment.getProperty("fleetapp.broadcast", Boolean.class, false));
    }

    @Bean
    RedisMessageListenerContainer itemsInvalidation(
            RedisConnectionFactory connectionFactory, CacheManager cacheManager, Environment environment) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connectionFactory);
        container.addMessageListener(
                (message, pattern) -> cacheManager
                        .getCache("items")
                        .evict(Long.valueOf(new String(message.getBody(), StandardCharsets.UTF_8))),
                new ChannelTopic(channel(environment)));
        return container;
    }

    private static String channel(Environment environment) {
        // The helper gives every fleet its own channel prefix; the application's broadcast follows it.
        return environment.getRequiredProperty("cache-audit.fleet.channel-prefix") + ":items-evict";
    }
}
