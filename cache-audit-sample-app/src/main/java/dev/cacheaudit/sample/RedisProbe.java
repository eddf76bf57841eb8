package dev.cacheaudit.sample;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Checks, before the application starts, whether a Redis server accepts connections. */
public final class RedisProbe {

    /** How long the probe waits for a connection. */
    public static final Duration TIMEOUT = Duration.ofMillis(500);

    private RedisProbe() {}

    /** Whether a TCP connection to {@code host:port} opens within {@code timeout}. */
    public static boolean reachable(String host, int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return true;
        } catch (IOException | IllegalArgumentException ex) {
            return false;
        }
    }
}
