package dev.cacheaudit.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Tells whether the Redis the benchmarks use is up, so that its benchmark is skipped with a clear reason. */
final class RedisProbe {

    static final String HOST = "127.0.0.1";

    static final int PORT = 6379;

    private RedisProbe() {}

    static void requireReachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 500);
        } catch (IOException ex) {
            throw new IllegalStateException(
                    "Redis is not reachable at " + HOST + ":" + PORT + " (" + ex.getMessage()
                            + "): the Redis benchmark is skipped. Start Redis there to run it.",
                    ex);
        }
    }
}
