package dev.cacheaudit.core.fleet;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one instance tells the others. Only an entity type, a keyed fingerprint of its identifier, the write site and
 * the time travel; never a value and never a raw key.
 *
 * @param type what happened
 * @param instance the sending instance
 * @param epochMillis when it happened, on the sender's wall clock
 * @param entity the fully qualified class name of the written entity; empty for a heartbeat
 * @param idFingerprint the keyed fingerprint of the entity's identifier; empty for a heartbeat
 * @param site the write path ({@code class#method(args)}); empty for a heartbeat
 */
public record FleetMessage(
        Type type, String instance, long epochMillis, String entity, String idFingerprint, String site) {

    /** The version of the wire format; messages of another version are ignored. */
    static final String VERSION = "1";

    private static final char SEPARATOR = '\t';

    public FleetMessage {
        Objects.requireNonNull(type, "type");
        instance = clean(instance);
        entity = clean(entity);
        idFingerprint = clean(idFingerprint);
        site = clean(site);
    }

    /** A heartbeat of an instance. */
    public static FleetMessage heartbeat(String instance, long epochMillis) {
        return new FleetMessage(Type.HEARTBEAT, instance, epochMillis, "", "", "");
    }

    /** The committed write of one entity. */
    public static FleetMessage write(
            String instance, long epochMillis, String entity, String idFingerprint, String site) {
        return new FleetMessage(Type.WRITE, instance, epochMillis, entity, idFingerprint, site);
    }

    /** The message as it travels: tab-separated fields after a version. */
    public String encode() {
        return VERSION
                + SEPARATOR
                + type.code
                + SEPARATOR
                + instance
                + SEPARATOR
                + epochMillis
                + SEPARATOR
                + entity
                + SEPARATOR
                + idFingerprint
                + SEPARATOR
                + site;
    }

    /** Reads a message, or returns {@code null} for anything that is not a message of this version. */
    public static @Nullable FleetMessage decode(String payload) {
        String[] parts = payload.split(String.valueOf(SEPARATOR), -1);
        if (parts.length != 7 || !VERSION.equals(parts[0])) {
            return null;
        }
        Type type = Type.of(parts[1]);
        if (type == null || parts[2].isEmpty()) {
            return null;
        }
        long epochMillis;
        try {
            epochMillis = Long.parseLong(parts[3]);
        } catch (NumberFormatException ex) {
            return null;
        }
        return new FleetMessage(type, parts[2], epochMillis, parts[4], parts[5], parts[6]);
    }

    private static String clean(String field) {
        Objects.requireNonNull(field, "field");
        return field.indexOf(SEPARATOR) < 0 && field.indexOf('\n') < 0
                ? field
                : field.replace(SEPARATOR, ' ').replace('\n', ' ');
    }

    /** What a message reports. */
    public enum Type {
        /** The sender is alive. */
        HEARTBEAT("H"),
        /** The sender committed a write of an entity. */
        WRITE("W");

        private final String code;

        Type(String code) {
            this.code = code;
        }

        static @Nullable Type of(String code) {
            for (Type type : values()) {
                if (type.code.equals(code)) {
                    return type;
                }
            }
            return null;
        }
    }
}
