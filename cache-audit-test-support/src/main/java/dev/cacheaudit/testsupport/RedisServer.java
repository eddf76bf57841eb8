package dev.cacheaudit.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * The Redis server integration tests talk to: the local one when it answers, a Testcontainers container when Docker
 * is available, and otherwise none, in which case the calling test is skipped with a message that says why. The local
 * one is at 127.0.0.1:6379 unless the system property {@value #ADDRESS_PROPERTY} names another. A test class that
 * needs Redis before its first test (in {@code @BeforeAll}) is annotated {@link RequiresRedis}, which skips it as a
 * whole with that message.
 */
public final class RedisServer {

    /** The system property that names the local Redis, as {@code host:port}. */
    public static final String ADDRESS_PROPERTY = "cache-audit.test.redis";

    private static final String DEFAULT_ADDRESS = "127.0.0.1:6379";

    private static final int CONTAINER_PORT = 6379;

    /** Each local address is probed once per JVM: every annotated class and test asks, and the answer holds. */
    private static final Map<HostAndPort, Boolean> PROBED = new ConcurrentHashMap<>();

    private static volatile @Nullable GenericContainer<?> container;

    private RedisServer() {}

    /** {@code host:port} of a reachable Redis, or skips the test. */
    public static HostAndPort require() {
        HostAndPort found = find();
        if (found == null) {
            Assumptions.abort(unreachableReason());
            throw new IllegalStateException("unreachable");
        }
        return found;
    }

    /** {@code host:port} of a reachable Redis, or {@code null} when there is none, for code that can do without. */
    public static @Nullable HostAndPort find() {
        HostAndPort local = local();
        if (PROBED.computeIfAbsent(local, RedisServer::reachable)) {
            return local;
        }
        return dockerAvailable() ? startContainer() : null;
    }

    /** Why there is no Redis, in the words both {@link #require()} and {@link RequiresRedis} skip with. */
    static String unreachableReason() {
        return "Redis is not reachable on " + local() + " (system property " + ADDRESS_PROPERTY
                + ") and there is no Docker engine for Testcontainers: skipping this Redis integration test";
    }

    /** Whether Testcontainers finds a Docker engine, asked once per JVM on first use. */
    static boolean dockerAvailable() {
        return Docker.AVAILABLE;
    }

    /**
     * A key prefix no other run uses: two test runs on one Redis then never read, delete or announce each other's
     * entries. Its variable part is a UUID, which the auditor's key shapes take as one variable
     * ({@code cache-audit-test:{uuid}:users::{n}}).
     */
    public static String uniqueKeyPrefix() {
        return "cache-audit-test:" + UUID.randomUUID() + ":";
    }

    private static HostAndPort local() {
        return HostAndPort.parse(System.getProperty(ADDRESS_PROPERTY, DEFAULT_ADDRESS));
    }

    private static synchronized HostAndPort startContainer() {
        GenericContainer<?> redis = container;
        if (redis == null) {
            redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(CONTAINER_PORT);
            redis.start();
            container = redis;
        }
        return new HostAndPort(redis.getHost(), redis.getMappedPort(CONTAINER_PORT));
    }

    private static boolean askTestcontainersForDocker() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }

    private static boolean reachable(HostAndPort address) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.host(), address.port()), 500);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }

    /** Holds the answer about Docker, which the class loader computes once, on its first use. */
    private static final class Docker {

        static final boolean AVAILABLE = askTestcontainersForDocker();
    }

    /** A Redis address. */
    public record HostAndPort(String host, int port) {

        static HostAndPort parse(String address) {
            int colon = address.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(ADDRESS_PROPERTY + " must be host:port, got '" + address + "'");
            }
            return new HostAndPort(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
