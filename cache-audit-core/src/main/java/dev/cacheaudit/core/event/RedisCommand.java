package dev.cacheaudit.core.event;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A command seen on the wire to Redis.
 *
 * @param type which command, and so what it does to its key
 * @param key the first key argument, as the exact bytes sent; {@code null} for commands without a key
 * @param result the integer result (the number of keys a {@code DEL}, {@code UNLINK} or {@code GETDEL} removed), or
 *     {@code -1} when the command has none or failed
 * @param ttlMillis the expiry set with the command ({@code SET ... PX/EX}, {@code EXPIRE}), or {@code -1}
 * @param error the error message when the command failed, otherwise {@code null}
 * @param durationNanos how long the command took from dispatch to completion
 * @param nanos when it completed
 * @param site the application code that sent it, when it was captured
 */
public record RedisCommand(
        Type type,
        byte @Nullable [] key,
        long result,
        long ttlMillis,
        @Nullable String error,
        long durationNanos,
        long nanos,
        @Nullable String site)
        implements CacheEvent {

    public RedisCommand {
        Objects.requireNonNull(type, "type");
    }

    /** A command whose sending site is unknown. */
    public RedisCommand(
            Type type,
            byte @Nullable [] key,
            long result,
            long ttlMillis,
            @Nullable String error,
            long durationNanos,
            long nanos) {
        this(type, key, result, ttlMillis, error, durationNanos, nanos, null);
    }

    /** The command's name as Redis spells it, such as {@code UNLINK}. */
    public String command() {
        return type.name();
    }

    /** Whether the command failed. */
    public boolean failed() {
        return error != null;
    }

    /** What a command does to its key. */
    public enum Kind {

        /** Reads the key and leaves it as it is. */
        READ,

        /** Stores a value under the key, or changes the value it holds (fields of a hash included). */
        WRITE,

        /** Removes the key. */
        DELETE,

        /** Sets the key's expiry and leaves its value as it is. */
        EXPIRE
    }

    /**
     * The commands the audit records: the recording layer hands over these and no others, and the state, detectors and
     * meters judge a command by its {@link Kind}, never by its name.
     */
    public enum Type {
        GET(Kind.READ),
        GETEX(Kind.READ),
        MGET(Kind.READ),
        EXISTS(Kind.READ),
        HGET(Kind.READ),
        HGETALL(Kind.READ),
        HMGET(Kind.READ),
        SET(Kind.WRITE),
        SETEX(Kind.WRITE),
        PSETEX(Kind.WRITE),
        SETNX(Kind.WRITE),
        GETSET(Kind.WRITE),
        HSET(Kind.WRITE),
        HMSET(Kind.WRITE),
        HDEL(Kind.WRITE),
        DEL(Kind.DELETE),
        UNLINK(Kind.DELETE),
        GETDEL(Kind.DELETE),
        EXPIRE(Kind.EXPIRE),
        PEXPIRE(Kind.EXPIRE);

        private final Kind kind;

        Type(Kind kind) {
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }

        /** Whether the command changes its key: writes, deletes and expiries. */
        public boolean changesKey() {
            return kind != Kind.READ;
        }

        /** Whether the command removes its key. */
        public boolean deletes() {
            return kind == Kind.DELETE;
        }
    }
}
