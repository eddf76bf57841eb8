package dev.cacheaudit.autoconfigure.fleet;

import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Turns on the keyspace notification classes FOREIGN_WRITE needs — {@code E} (keyevent channels), {@code g} (generic
 * commands such as {@code DEL}) and {@code $} (string commands such as {@code SET}) — adding them to what the server
 * already has, and says what it did; where the server refuses {@code CONFIG} (managed services, ACLs) it says how to
 * turn them on instead.
 */
final class KeyspaceNotifications {

    private static final Logger logger = LoggerFactory.getLogger(KeyspaceNotifications.class);

    static final String PARAMETER = "notify-keyspace-events";

    private KeyspaceNotifications() {}

    static void enable(RedisConnectionFactory connectionFactory) {
        try (RedisConnection connection = connectionFactory.getConnection()) {
            Properties config = connection.serverCommands().getConfig(PARAMETER);
            String current = config == null ? "" : config.getProperty(PARAMETER, "");
            String wanted = withNeeded(current);
            if (wanted.equals(current)) {
                logger.info("cache-audit fleet: keyspace notifications already on ({}={})", PARAMETER, current);
                return;
            }
            connection.serverCommands().setConfig(PARAMETER, wanted);
            logger.info(
                    "cache-audit fleet: turned on keyspace notifications for FOREIGN_WRITE: {} '{}' (was '{}')",
                    PARAMETER,
                    wanted,
                    current);
        } catch (RuntimeException ex) {
            logger.warn(
                    "cache-audit fleet: cannot turn on keyspace notifications ({}); FOREIGN_WRITE on Redis needs them:"
                            + " run CONFIG SET {} Eg$ (adding to the flags already set) or set it in redis.conf",
                    ex.toString(),
                    PARAMETER);
        }
    }

    /** The flags with {@code E}, {@code g} and {@code $} added where missing ({@code A} covers both of the latter). */
    static String withNeeded(String current) {
        StringBuilder flags = new StringBuilder(current);
        boolean all = current.indexOf('A') >= 0;
        if (current.indexOf('E') < 0) {
            flags.append('E');
        }
        if (!all && current.indexOf('g') < 0) {
            flags.append('g');
        }
        if (!all && current.indexOf('$') < 0) {
            flags.append('$');
        }
        return flags.toString();
    }
}
