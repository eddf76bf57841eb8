package dev.cacheaudit.autoconfigure.it;

import dev.cacheaudit.testsupport.RedisServer;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.cache.interceptor.LoggingCacheErrorHandler;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The application of the eviction twins ({@link RedisEvictionFailureTests}, {@link RedisEvictionSuccessTests}): one
 * Redis cache read and evicted by id, with the logging error handler many applications use, which swallows cache
 * failures. The twins differ only in the Redis user they connect as.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableCaching
class EvictionTwinsApp implements CachingConfigurer {

    @Override
    public CacheErrorHandler errorHandler() {
        return new LoggingCacheErrorHandler();
    }

    @Bean
    Users users() {
        return new Users();
    }

    /** Starts the application on Redis with the test's own key prefix, and {@code properties} on top. */
    static ConfigurableApplicationContext run(RedisServer.HostAndPort redis, String prefix, String... properties) {
        List<String> all = new ArrayList<>(List.of(
                "spring.cache.type=redis",
                "spring.cache.redis.key-prefix=" + prefix,
                "spring.data.redis.host=" + redis.host(),
                "spring.data.redis.port=" + redis.port()));
        all.addAll(List.of(properties));
        return TestApps.run(EvictionTwinsApp.class, all.toArray(String[]::new));
    }

    /** Reads three users, caching them, and evicts each: three evictions of entries that are there. */
    static void readAndEvictThreeUsers(ConfigurableApplicationContext context) {
        Users users = context.getBean(Users.class);
        for (long id = 1; id <= 3; id++) {
            users.find(id);
            users.rename(id);
        }
    }

    static class Users {

        @Cacheable(cacheNames = "users", key = "#id")
        public String find(Long id) {
            return "user-" + id;
        }

        @CacheEvict(cacheNames = "users", key = "#id")
        public void rename(Long id) {}
    }
}
