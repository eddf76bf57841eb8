package dev.cacheaudit.autoconfigure.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * The Redis server integration tests talk to: the local one on 127.0.0.1:6379 when it answers, a Testcontainers
 * container when Docker is available, and otherwise none, in which case the calling test is skipped with a message
 * that says why.
 */
public final class RedisServer {

    private static final String LOCAL_HOST = "127.0.0.1";

    private static final int LOCAL_PORT = 6379;

    private static volatile GenericContainer<?> container;

    private RedisServer() {}

    /** {@code host:port} of a reachable Redis, or skips the test. */
    public static HostAndPort require() {
        if (reachable(LOCAL_HOST, LOCAL_PORT)) {
            return new HostAndPort(LOCAL_HOST, LOCAL_PORT);
        }
        if (dockerAvailable()) {
            return startContainer();
        }
        Assumptions.abort("Redis is not reachable on " + LOCAL_HOST + ":" + LOCAL_PORT
                + " and there is no Docker engine for Testcontainers: skipping this Redis integration test");
        throw new IllegalStateException("unreachable");
    }

    private static synchronized HostAndPort startContainer() {
        if (container == null) {
            GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
            redis.start();
            container = redis;
        }
        return new HostAndPort(container.getHost(), container.getMappedPort(6379));
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }

    static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }

    /** A Redis address. */
    public record HostAndPort(String host, int port) {}
}
