package dev.cacheaudit.test;

import dev.cacheaudit.autoconfigure.CacheAuditProperties;
import dev.cacheaudit.autoconfigure.fleet.FleetMembership;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.fleet.Fleet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;

/**
 * Several instances of the application under test in one JVM — separate contexts on random ports, the same Redis and
 * the same database — and the guide's last verification step as one call: drive traffic against any instance, then
 * {@link #assertNoStaleAcrossInstances()} fails the test when an instance kept serving a value that another instance's
 * write made stale beyond the coverage window.
 *
 * <pre>{@code
 * try (CacheAuditFleet fleet = CacheAuditFleet.start(2, OrdersApplication.class)) {
 *     fleet.bean(1, Orders.class).find(42L);
 *     fleet.bean(0, Orders.class).rename(42L, "new");
 *     fleet.assertNoStaleAcrossInstances();
 * }
 * }</pre>
 *
 * Every instance gets its own fleet channel (so parallel test runs on one Redis never meet), {@code server.port=0},
 * and one in-memory database name shared by the instances, whose schema is updated rather than recreated; these and
 * the properties passed to {@link #start} (which win over them) are given as command-line arguments, so they also win
 * over the application's {@code application.yml}. Closing the fleet deletes the key it kept in Redis.
 */
public final class CacheAuditFleet implements AutoCloseable {

    /** The kinds that mean an instance served a stale value. */
    private static final Set<FindingKind> STALE = Set.of(FindingKind.CROSS_INSTANCE_STALE, FindingKind.STALE_READ);

    /** Time for the engine's once-a-second tick to judge what the window made due. */
    private static final Duration TICK = Duration.ofMillis(1200);

    private final List<ConfigurableApplicationContext> instances;

    /** The channel prefix of this fleet alone, under which the fleet keeps its key in Redis. */
    private final String prefix;

    private CacheAuditFleet(List<ConfigurableApplicationContext> instances, String prefix) {
        this.instances = List.copyOf(instances);
        this.prefix = prefix;
    }

    /**
     * Starts {@code count} instances of an application and waits until they see each other through Redis.
     *
     * @param count how many instances, at least 2
     * @param application the application's configuration class
     * @param properties further properties ({@code name=value}) for every instance
     * @throws AssertionError when fleet membership is off (the application has no Redis) or the instances do not meet
     */
    public static CacheAuditFleet start(int count, Class<?> application, String... properties) {
        if (count < 2) {
            throw new IllegalArgumentException("A fleet needs at least 2 instances, got " + count);
        }
        String name = "cache-audit-fleet-" + UUID.randomUUID();
        List<ConfigurableApplicationContext> started = new ArrayList<>();
        try {
            String[] arguments = arguments(name, properties);
            for (int i = 0; i < count; i++) {
                started.add(new SpringApplicationBuilder(application)
                        .logStartupInfo(false)
                        .run(arguments));
            }
            CacheAuditFleet fleet = new CacheAuditFleet(started, name);
            fleet.awaitMembers(Duration.ofSeconds(15));
            return fleet;
        } catch (RuntimeException | AssertionError ex) {
            new CacheAuditFleet(started, name).close();
            throw ex;
        }
    }

    /**
     * The helper's settings and the test's, as command-line arguments: they win over the application's own
     * {@code application.yml} (the instances must share one database, whose schema the second must not drop), and
     * the test's win over the helper's.
     */
    private static String[] arguments(String name, String... properties) {
        Map<String, String> all = new LinkedHashMap<>();
        for (String property : List.of(
                "server.port=0",
                "spring.main.banner-mode=off",
                "spring.jmx.enabled=false",
                "spring.datasource.generate-unique-name=false",
                "spring.datasource.name=" + name,
                "spring.jpa.hibernate.ddl-auto=update",
                "cache-audit.fleet.channel-prefix=" + name,
                "cache-audit.fleet.heartbeat-interval=200ms")) {
            put(all, property);
        }
        for (String property : properties) {
            put(all, property);
        }
        return all.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
    }

    private static void put(Map<String, String> properties, String property) {
        int equals = property.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("Expected a property as name=value, got '" + property + "'");
        }
        properties.put(property.substring(0, equals).trim(), property.substring(equals + 1));
    }

    /** The instance at an index, from 0. */
    public ConfigurableApplicationContext instance(int index) {
        return instances.get(index);
    }

    /** Every instance, in start order. */
    public List<ConfigurableApplicationContext> instances() {
        return instances;
    }

    /** A bean of the instance at an index. */
    public <T> T bean(int index, Class<T> type) {
        return instance(index).getBean(type);
    }

    /**
     * Waits for the coverage window after the traffic so far, then fails when any instance reported serving a stale
     * value: a local copy another instance's write left in place ({@code CROSS_INSTANCE_STALE}) or, with verification
     * on, a value still different from the source after the grace period ({@code STALE_READ}).
     */
    public void assertNoStaleAcrossInstances() {
        Duration window = Duration.ZERO;
        for (ConfigurableApplicationContext instance : instances) {
            Duration own =
                    instance.getBean(CacheAuditProperties.class).getCoverage().getWindow();
            window = own.compareTo(window) > 0 ? own : window;
        }
        instances.forEach(instance -> audit(instance).awaitQuiescence(Duration.ofSeconds(5)));
        LockSupport.parkNanos(window.plus(TICK).toNanos());
        List<Finding> stale = new ArrayList<>();
        for (ConfigurableApplicationContext instance : instances) {
            CacheAudit audit = audit(instance);
            audit.awaitQuiescence(Duration.ofSeconds(5));
            audit.findings().findings().stream()
                    .filter(finding -> STALE.contains(finding.kind()))
                    .forEach(stale::add);
        }
        if (!stale.isEmpty()) {
            throw new AssertionError(FindingsMessage.list(
                    "Expected no instance of the fleet to serve a stale value, but "
                            + FindingsMessage.count(stale.size()) + " of " + instances.size()
                            + " instances said otherwise",
                    stale));
        }
    }

    private void awaitMembers(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ConfigurableApplicationContext instance : instances) {
            Fleet fleet = instance.getBean(FleetMembership.class).fleet();
            if (fleet == null) {
                throw new AssertionError("cache-audit fleet membership is off in " + instance.getId()
                        + ": instances find each other through Redis, so the application needs a Redis connection"
                        + " factory (and cache-audit.fleet.enabled must not be false)");
            }
            while (fleet.members().size() < instances.size() - 1 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            if (fleet.members().size() < instances.size() - 1) {
                throw new AssertionError("Instance " + fleet.instance() + " heard from "
                        + fleet.members().size()
                        + " of the other " + (instances.size() - 1) + " instances within " + timeout
                        + " (paused: " + fleet.stats().paused() + ")");
            }
        }
    }

    private static CacheAudit audit(ConfigurableApplicationContext instance) {
        return Objects.requireNonNull(instance.getBean(CacheAudit.class));
    }

    /**
     * Stops every instance and deletes what the fleet kept in Redis (its key, under this fleet's own prefix), so that
     * test runs leave nothing behind.
     */
    @Override
    public void close() {
        try {
            forgetFleetKeys();
        } finally {
            instances.forEach(ConfigurableApplicationContext::close);
        }
    }

    private void forgetFleetKeys() {
        for (ConfigurableApplicationContext instance : instances) {
            if (!instance.isActive()) {
                continue;
            }
            RedisConnectionFactory connectionFactory =
                    instance.getBeanProvider(RedisConnectionFactory.class).getIfUnique();
            if (connectionFactory == null) {
                continue;
            }
            try (RedisConnection connection = connectionFactory.getConnection()) {
                ScanOptions keys = ScanOptions.scanOptions()
                        .match(prefix + ":*")
                        .count(100)
                        .build();
                List<byte[]> found = new ArrayList<>();
                try (Cursor<byte[]> cursor = connection.keyCommands().scan(keys)) {
                    cursor.forEachRemaining(found::add);
                }
                if (!found.isEmpty()) {
                    connection.keyCommands().del(found.toArray(byte[][]::new));
                }
            } catch (RuntimeException ex) {
                // Redis gone: nothing can be deleted, and the instances still have to stop.
            }
            return;
        }
    }
}
