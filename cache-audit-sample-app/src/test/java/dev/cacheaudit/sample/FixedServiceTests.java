package dev.cacheaudit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.report.AuditReport;
import dev.cacheaudit.core.report.CacheReport;
import dev.cacheaudit.sample.demo.Demo;
import dev.cacheaudit.sample.demo.TrafficLog;
import dev.cacheaudit.sample.user.UserDto;
import dev.cacheaudit.sample.user.UserService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;

/** The service with every fix in place, on the local Redis, driven by the demo's traffic. */
class FixedServiceTests {

    private static ConfigurableApplicationContext context;

    private static TrafficLog traffic;

    private static UserDto firstUserAfterStart;

    private static AuditReport report;

    @BeforeAll
    static void driveTheDemoTraffic() {
        SampleApps.assumeRedis();
        plantEntryOfAnEarlierRun(new UserDto(1, "alice@example.com", "Name from an earlier run"));
        context = SampleApps.start("--sample.bugs=");
        firstUserAfterStart = context.getBean(UserService.class).find(1);
        traffic = context.getBean(Demo.class).drive();
        CacheAudit audit = context.getBean(CacheAudit.class);
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        report = audit.report();
    }

    /** Writes an entry as an earlier run of the app would have left it in Redis. */
    private static void plantEntryOfAnEarlierRun(UserDto user) {
        LettuceConnectionFactory connectionFactory =
                new LettuceConnectionFactory(SampleApps.REDIS_HOST, SampleApps.REDIS_PORT);
        connectionFactory.afterPropertiesSet();
        connectionFactory.start();
        try (RedisConnection connection = connectionFactory.getConnection()) {
            byte[] key = (CacheNames.USERS + "::" + user.id()).getBytes(StandardCharsets.UTF_8);
            connection.stringCommands().set(key, new JdkSerializationRedisSerializer().serialize(user));
        } finally {
            connectionFactory.destroy();
        }
    }

    @AfterAll
    static void close() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void entriesLeftInRedisByAnEarlierRunAreNotServed() {
        assertThat(firstUserAfterStart.name()).isEqualTo("Alice");
    }

    @Test
    void fixedServiceYieldsNoFindings() {
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void everyCacheIsBackedByRedisAndServesHits() {
        assertThat(report.caches()).extracting(CacheReport::name).containsExactlyInAnyOrderElementsOf(CacheNames.ALL);
        assertThat(report.caches()).allSatisfy(cache -> {
            assertThat(cache.backend()).isEqualTo("redis");
            assertThat(cache.hits()).isPositive();
        });
    }

    @Test
    void readsAfterEveryWriteSeeTheNewValue() {
        assertThat(traffic.writes()).isPositive();
        assertThat(traffic.staleAnswers()).isEmpty();
    }

    @Test
    void writesInvalidateTheEntriesTheyChange() {
        assertThat(report.caches())
                .filteredOn(cache ->
                        cache.name().equals(CacheNames.ORDERS) || cache.name().equals(CacheNames.PRODUCTS))
                .allSatisfy(cache -> assertThat(cache.evictions()).isPositive());
        assertThat(report.caches())
                .filteredOn(cache -> cache.name().startsWith(CacheNames.USERS))
                .allSatisfy(cache -> assertThat(cache.puts()).isGreaterThan(cache.misses()));
    }
}
