package dev.cacheaudit.autoconfigure.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Assumptions;

/**
 * A {@code redis-server} of the test's own, on a free port, that the test may stop, pause, slow down and lock down
 * without disturbing the shared Redis other tests use. Persistence is off ({@code --save ""}), so a restart starts
 * empty. Tests are skipped with a message when no {@code redis-server} binary is on the path.
 */
public final class OwnRedisServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final String binary;

    private final int port;

    private final Path directory;

    private Process process;

    private OwnRedisServer(String binary, int port, Path directory) {
        this.binary = binary;
        this.port = port;
        this.directory = directory;
    }

    /** Starts a server on a free port, or skips the calling test when there is no {@code redis-server} binary. */
    public static OwnRedisServer start() {
        String binary = findBinary();
        if (binary == null) {
            Assumptions.abort("no redis-server binary on the PATH: skipping this fault-injection test, which needs a"
                    + " Redis server of its own to stop, pause and slow down");
        }
        try {
            OwnRedisServer server =
                    new OwnRedisServer(binary, freePort(), Files.createTempDirectory("cache-audit-redis"));
            server.startProcess();
            return server;
        } catch (IOException ex) {
            throw new IllegalStateException("could not start redis-server", ex);
        }
    }

    private static String findBinary() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, "redis-server");
            if (candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    private void startProcess() throws IOException {
        process = new ProcessBuilder(
                        binary,
                        "--port",
                        String.valueOf(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--enable-debug-command",
                        "local",
                        "--dir",
                        directory.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("redis.log").toFile())
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!answers()) {
            if (System.nanoTime() - deadline > 0 || !process.isAlive()) {
                process.destroyForcibly();
                throw new IllegalStateException("redis-server did not start on port " + port);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Whether the server answers {@code PING} right now. */
    public boolean answers() {
        try {
            return "PONG".equals(command(Duration.ofMillis(300), "PING"));
        } catch (IOException ex) {
            return false;
        }
    }

    /** Stops the server the hard way a crash would: {@code SHUTDOWN NOSAVE}. */
    public void shutdownNoSave() throws InterruptedException {
        try {
            command(Duration.ofSeconds(2), "SHUTDOWN", "NOSAVE");
        } catch (IOException expected) {
            // The server closes the connection instead of answering.
        }
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** Starts the server again on the same port, empty. */
    public void restart() throws IOException {
        startProcess();
    }

    /**
     * Sends one command on a connection of its own and returns the first line of the reply, without its type marker.
     */
    public String command(Duration timeout, String... args) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            StringBuilder request =
                    new StringBuilder().append('*').append(args.length).append("\r\n");
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                request.append('$')
                        .append(bytes.length)
                        .append("\r\n")
                        .append(arg)
                        .append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            List<Byte> line = new ArrayList<>();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (b != '\r') {
                    line.add((byte) b);
                }
            }
            if (line.isEmpty()) {
                throw new IOException("no reply to " + args[0]);
            }
            byte[] bytes = new byte[line.size() - 1];
            for (int i = 1; i < line.size(); i++) {
                bytes[i - 1] = line.get(i);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Sends a command that blocks the server (such as {@code DEBUG SLEEP}) from a thread of its own. */
    public Thread commandInBackground(Duration timeout, String... args) {
        Thread thread = new Thread(
                () -> {
                    try {
                        command(timeout, args);
                    } catch (IOException ex) {
                        // The test observes the effect, not the reply.
                    }
                },
                "redis-fault-" + args[0]);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
