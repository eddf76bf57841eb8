package dev.cacheaudit.autoconfigure.fleet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Locale;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * What makes instances of one application one fleet besides their name: the database they share. Instances on
 * different databases (staging and production on one Redis, or test runs with their own in-memory databases) must not
 * judge each other's writes, so the channel carries a short hash of the database URL, and of the process for an
 * in-memory database, which no other process can share.
 */
final class FleetScope {

    private FleetScope() {}

    /** The scope of a fleet on this data source: empty without one, or when its URL cannot be read. */
    static String of(@Nullable DataSource dataSource) {
        if (dataSource == null) {
            return "";
        }
        String url;
        try (Connection connection = dataSource.getConnection()) {
            url = connection.getMetaData().getURL();
        } catch (SQLException | RuntimeException ex) {
            return "";
        }
        return url == null ? "" : ofUrl(url, ProcessHandle.current().pid());
    }

    static String ofUrl(String url, long pid) {
        String lower = url.toLowerCase(Locale.ROOT);
        boolean inMemory = lower.contains(":mem:") || lower.contains(":memory:") || lower.contains(":mem;");
        return hash(inMemory ? url + "|" + pid : url);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }
}
