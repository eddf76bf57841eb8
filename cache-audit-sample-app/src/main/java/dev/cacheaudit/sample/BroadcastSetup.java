package dev.cacheaudit.sample;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Messages between the instances of the sample, through Redis pub/sub: invalidations of caches local to each instance
 * ({@link LocalInvalidations}) and the change notices other systems send. Without Redis there is no listener.
 */
@Configuration(proxyBeanMethods = false)
class BroadcastSetup {

    @Bean
    @ConditionalOnProperty(name = "spring.cache.type", havingValue = "redis", matchIfMissing = true)
    RedisMessageListenerContainer sampleBroadcasts(RedisConnectionFactory connectionFactory) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connectionFactory);
        return container;
    }

    @Bean
    LocalInvalidations localInvalidations(
            @Qualifier(CacheNames.LOCAL_CACHE_MANAGER) CacheManager localCaches,
            ObjectProvider<StringRedisTemplate> redis,
            ObjectProvider<RedisMessageListenerContainer> listeners,
            DataSource dataSource,
            RedisNamespace namespace) {
        return new LocalInvalidations(
                localCaches, redis.getIfAvailable(), listeners.getIfAvailable(), dataSource, namespace);
    }
}
