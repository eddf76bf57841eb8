package dev.cacheaudit.autoconfigure.fleet;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.fleet.Fleet;
import dev.cacheaudit.core.fleet.FleetSettings;
import dev.cacheaudit.core.fleet.FleetTransport;
import dev.cacheaudit.core.keys.KeyRedactor;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Whether this instance is a fleet member, and if so its {@link Fleet} and Redis transport. Decided once the
 * application's singletons exist, with one log line either way: the Redis connection factory cannot be asked for
 * earlier, since its command listener needs the auditor that this fleet's detector is part of. Until then, and for
 * good when there is no Redis, the detector stays inert.
 */
public final class FleetMembership
        implements SmartInitializingSingleton,
                org.springframework.context.ApplicationListener<org.springframework.context.event.ContextClosedEvent>,
                org.springframework.context.ApplicationContextAware,
                AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(FleetMembership.class);

    private final FleetProperties properties;

    private final ObjectProvider<RedisConnectionFactory> connectionFactory;

    private final ObjectProvider<javax.sql.DataSource> dataSource;

    private final String channel;

    private final @Nullable Fleet fleet;

    private final ObjectProvider<CacheAudit> audit;

    private final AuditTime time = new AuditTime();

    private volatile @Nullable RedisFleetTransport transport;

    private volatile boolean member;

    private volatile @Nullable Object context;

    private final java.util.List<java.util.function.Consumer<Fleet>> onMember =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    FleetMembership(
            FleetProperties properties,
            ObjectProvider<RedisConnectionFactory> connectionFactory,
            ObjectProvider<javax.sql.DataSource> dataSource,
            String application,
            KeyRedactor.Mode redaction,
            Duration coverageWindow,
            ObjectProvider<CacheAudit> audit) {
        properties.validate();
        this.properties = properties;
        this.connectionFactory = connectionFactory;
        this.dataSource = dataSource;
        this.channel = properties.getChannelPrefix() + ":" + application;
        this.audit = audit;
        if (Boolean.FALSE.equals(properties.getEnabled())) {
            this.fleet = null;
            return;
        }
        String instance = properties.getInstanceId() != null ? properties.getInstanceId() : defaultInstance();
        this.fleet = new Fleet(
                instance,
                new Deferred(),
                new FleetSettings(
                        properties.getMaxMessagesPerSecond(),
                        properties.getHeartbeatInterval(),
                        coverageWindow,
                        properties.getMaxTrackedEntries()),
                new KeyRedactor(redaction),
                time,
                time);
    }

    @Override
    public void afterSingletonsInstantiated() {
        Fleet member = fleet;
        if (member == null) {
            logger.info("cache-audit fleet: off (cache-audit.fleet.enabled=false)");
            return;
        }
        RedisConnectionFactory factory = connectionFactory.getIfUnique();
        if (factory == null) {
            if (Boolean.TRUE.equals(properties.getEnabled())) {
                logger.warn("cache-audit fleet: off, cache-audit.fleet.enabled=true but the application has no single"
                        + " Redis connection factory to reach the other instances through");
            } else {
                logger.info("cache-audit fleet: off (no Redis connection factory in the application)");
            }
            return;
        }
        // Before the transport subscribes: what arrives is stamped with the auditor's time from the first message on.
        time.bind(audit.getIfUnique());
        transport = new RedisFleetTransport(
                factory,
                channel,
                () -> FleetScope.of(dataSource.getIfUnique()),
                channel + ":key",
                properties.getSecret(),
                member::receive,
                keyspaceEvents() ? member::keyspace : null);
        member.start();
        this.member = true;
        onMember.forEach(action -> action.accept(member));
        logger.info(
                "cache-audit fleet: on, instance {} on Redis channel {}[:<database>] (at most {} messages per second)",
                member.instance(),
                channel,
                properties.getMaxMessagesPerSecond());
    }

    private static String defaultInstance() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | SecurityException ex) {
            host = "localhost";
        }
        // Several instances may share a host and even a process (tests): a random suffix tells them apart.
        return host + ":" + ProcessHandle.current().pid() + ":"
                + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    }

    /**
     * Runs an action with the fleet once this instance is a member: at once when it already is, otherwise when
     * membership is decided (never, when it is off).
     */
    void whenMember(java.util.function.Consumer<Fleet> action) {
        Fleet current = fleet();
        if (current != null) {
            action.accept(current);
        } else {
            onMember.add(action);
        }
    }

    /** Whether keyspace notifications are used for FOREIGN_WRITE. */
    boolean keyspaceEvents() {
        return properties.getKeyspaceEvents() == FleetProperties.KeyspaceEvents.AUTO;
    }

    /** This instance's fleet, or {@code null} when it is not a member. */
    public @Nullable Fleet fleet() {
        return member ? fleet : null;
    }

    /** The fleet whose detector the auditor runs, member or not yet. */
    @Nullable
    Fleet configuredFleet() {
        return fleet;
    }

    @Override
    public void setApplicationContext(org.springframework.context.ApplicationContext applicationContext) {
        this.context = applicationContext;
    }

    /**
     * Leaves the fleet when the context closes, before its beans are destroyed: the Redis connection factory this
     * fleet subscribes through must still be there to unsubscribe.
     */
    @Override
    public void onApplicationEvent(org.springframework.context.event.ContextClosedEvent event) {
        if (event.getApplicationContext() == context) {
            close();
        }
    }

    @Override
    public void close() {
        if (fleet != null) {
            fleet.close();
        }
        RedisFleetTransport current = transport;
        transport = null;
        if (current != null) {
            current.close();
        }
    }

    /** The Redis transport once it exists; the fleet thread only starts after it does. */
    private final class Deferred implements FleetTransport {

        @Override
        public void publish(String payload) {
            current().publish(payload);
        }

        @Override
        public byte[] connect() {
            return current().connect();
        }

        private RedisFleetTransport current() {
            RedisFleetTransport current = transport;
            if (current == null) {
                throw new IllegalStateException("The fleet has no Redis transport");
            }
            return current;
        }
    }
}
