package dev.cacheaudit.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The PostgreSQL server integration tests talk to: 127.0.0.1:5432, database {@code test}, unless the system property
 * {@value #ADDRESS_PROPERTY} names another, as {@code host:port} (database {@code test}) or as a whole
 * {@code jdbc:postgresql://} URL. A test class that needs it is annotated {@link RequiresPostgres}, which skips it with
 * a message when nothing answers there.
 */
public final class PostgresServer {

    /** The system property that names the server, as {@code host:port} or as a {@code jdbc:postgresql://} URL. */
    public static final String ADDRESS_PROPERTY = "cache-audit.test.postgres";

    private static final String DEFAULT_ADDRESS = "127.0.0.1:5432";

    private static final String DEFAULT_DATABASE = "test";

    private static final int DEFAULT_PORT = 5432;

    private static final String JDBC_PREFIX = "jdbc:postgresql://";

    /** Long enough for a server on this machine or the next, short enough that a closed port costs little. */
    private static final int PROBE_TIMEOUT_MILLIS = 1000;

    /** Each address is probed once per JVM: every annotated class asks, and the answer does not change mid-build. */
    private static final Map<String, Boolean> PROBED = new ConcurrentHashMap<>();

    private PostgresServer() {}

    /** The JDBC URL of the server. */
    public static String jdbcUrl() {
        String configured = configured();
        return configured.startsWith("jdbc:") ? configured : JDBC_PREFIX + configured + "/" + DEFAULT_DATABASE;
    }

    /** The JDBC URL of the server with further parameters, such as {@code currentSchema=name}. */
    public static String jdbcUrl(String parameters) {
        String url = jdbcUrl();
        return url + (url.indexOf('?') < 0 ? "?" : "&") + parameters;
    }

    /** {@code host:port} of the server, the part of its URL a TCP connection needs. */
    public static String address() {
        String url = jdbcUrl();
        if (!url.startsWith(JDBC_PREFIX)) {
            throw new IllegalArgumentException(
                    ADDRESS_PROPERTY + " must be host:port or a " + JDBC_PREFIX + " URL, got '" + url + "'");
        }
        String rest = url.substring(JDBC_PREFIX.length());
        int end = rest.length();
        for (char stop : new char[] {'/', '?'}) {
            int at = rest.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String hostAndPort = rest.substring(0, end);
        // A port follows the last colon unless that colon is inside an IPv6 address in brackets.
        int colon = hostAndPort.lastIndexOf(':');
        return colon > hostAndPort.lastIndexOf(']') ? hostAndPort : hostAndPort + ":" + DEFAULT_PORT;
    }

    /** Whether something accepts TCP connections at {@link #address()}; asked of the network once per address. */
    public static boolean reachable() {
        return PROBED.computeIfAbsent(address(), PostgresServer::accepts);
    }

    private static boolean accepts(String address) {
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(address.substring(colon + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MILLIS);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }

    private static String configured() {
        return System.getProperty(ADDRESS_PROPERTY, DEFAULT_ADDRESS).trim();
    }
}
