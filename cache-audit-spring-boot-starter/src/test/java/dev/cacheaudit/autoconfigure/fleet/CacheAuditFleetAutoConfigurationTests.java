package dev.cacheaudit.autoconfigure.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.CacheAuditAutoConfiguration;
import dev.cacheaudit.autoconfigure.CacheAuditBuilderCustomizer;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.fleet.Fleet;
import dev.cacheaudit.core.fleet.FleetMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class CacheAuditFleetAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(CacheAuditAutoConfiguration.class, CacheAuditFleetAutoConfiguration.class));

    @Test
    void fleetIsOffWithoutARedisConnectionFactory() {
        contextRunner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(FleetMembership.class).fleet()).isNull();
        });
    }

    @Test
    void starterStartsWithoutSpringDataRedisOnTheClasspath() {
        contextRunner
                .withClassLoader(new FilteredClassLoader("org.springframework.data.redis", "io.lettuce"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(CacheAudit.class);
                    assertThat(context).doesNotHaveBean(FleetMembership.class);
                });
    }

    @Test
    void fleetIsDisabledByProperty() {
        contextRunner
                .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
                .withPropertyValues("cache-audit.fleet.enabled=false", "spring.data.redis.port=" + closedPort())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    FleetMembership membership = context.getBean(FleetMembership.class);
                    assertThat(membership.fleet()).isNull();
                    assertThat(membership.configuredFleet()).isNull();
                });
    }

    @Test
    void invalidMessageCapFailsStartupNamingTheProperty() {
        contextRunner
                .withPropertyValues("cache-audit.fleet.max-messages-per-second=0")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("cache-audit.fleet.max-messages-per-second"));
    }

    @Test
    void unreachableRedisPausesTheFleetAndCountsItWhileTheApplicationStarts() {
        contextRunner
                .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
                .withPropertyValues(
                        "spring.data.redis.port=" + closedPort(),
                        "spring.data.redis.timeout=200ms",
                        "spring.data.redis.connect-timeout=200ms")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Fleet fleet = context.getBean(FleetMembership.class).fleet();
                    assertThat(fleet).isNotNull();
                    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    while (fleet.stats().transportFailures() == 0 && System.nanoTime() < deadline) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                    }
                    assertThat(fleet.stats().transportFailures()).isPositive();
                    assertThat(fleet.stats().paused()).isTrue();
                    assertThat(fleet.connected()).isFalse();
                });
    }

    @Test
    void theFleetRunsOnTheAuditsClock() {
        Instant wall = Instant.parse("2001-02-03T04:05:06Z");
        contextRunner
                .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
                .withPropertyValues("spring.data.redis.port=" + closedPort())
                .withBean(
                        CacheAuditBuilderCustomizer.class,
                        () -> builder -> builder.clock(Clock.fixed(wall, ZoneOffset.UTC)))
                .run(context -> {
                    Fleet fleet = context.getBean(FleetMembership.class).fleet();
                    assertThat(fleet).isNotNull();

                    fleet.receive(FleetMessage.heartbeat("other", 1).encode());

                    assertThat(fleet.members()).containsExactly(Map.entry("other", wall));
                });
    }

    @Test
    void metersAreRegisteredOnceThisInstanceIsAMemberAndNotWithoutRedis() {
        contextRunner
                .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
                .withPropertyValues("spring.data.redis.port=" + closedPort())
                .run(context -> {
                    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                            new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
                    context.getBean(FleetMeters.class).bindTo(registry);
                    assertThat(registry.find("cache.audit.fleet.messages").meters())
                            .hasSize(3);
                    assertThat(registry.find("cache.audit.fleet.paused").gauge())
                            .isNotNull();
                });
        contextRunner.run(context -> {
            io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
            context.getBean(FleetMeters.class).bindTo(registry);
            assertThat(registry.getMeters()).isEmpty();
        });
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
