package dev.cacheaudit.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.RedisCommand;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.keys.RedisKeys;
import dev.cacheaudit.testsupport.RedisServer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
 * The twin of {@link RedisEvictionFailureTests} with a Redis user that may delete: the same application, the same
 * swallowing error handler, and evictions that succeed on the wire stay silent.
 */
class RedisEvictionSuccessTests {

    private static final String PREFIX = "itest-" + UUID.randomUUID() + ":";

    /** DEL or UNLINK commands of this test's keys that removed an entry, as the engine analysed them. */
    private static final AtomicInteger removed = new AtomicInteger();

    private static ConfigurableApplicationContext context;

    private static CacheAudit audit;

    @BeforeAll
    static void start() throws InterruptedException {
        RedisServer.HostAndPort redis = RedisServer.require();
        context = TestApps.run(
                App.class,
                "spring.cache.type=redis",
                "spring.cache.redis.key-prefix=" + PREFIX,
                "spring.data.redis.host=" + redis.host(),
                "spring.data.redis.port=" + redis.port());
        audit = context.getBean(CacheAudit.class);
        audit.onEvent(event -> {
            if (event instanceof RedisCommand command
                    && (command.command().equals("DEL") || command.command().equals("UNLINK"))
                    && command.error() == null
                    && command.result() > 0
                    && command.key() != null
                    && RedisKeys.print(command.key()).startsWith(PREFIX)) {
                removed.incrementAndGet();
            }
        });
        Users users = context.getBean(Users.class);
        for (long id = 1; id <= 3; id++) {
            users.find(id);
            users.rename(id);
        }
        // Evictions are sent without waiting; a refused one would be reported a second after it failed.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (removed.get() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(1500);
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void evictionsThatRemoveTheirEntryStaySilent() {
        assertThat(removed).as("successful deletes analysed").hasValue(3);
        assertThat(audit.counters("users").evictions()).isEqualTo(3);
        assertThat(audit.findings().findings())
                .filteredOn(f -> f.kind() == FindingKind.EVICTION_FAILED)
                .isEmpty();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableCaching
    static class App implements CachingConfigurer {

        @Override
        public CacheErrorHandler errorHandler() {
            return new LoggingCacheErrorHandler();
        }

        @Bean
        Users users() {
            return new Users();
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
