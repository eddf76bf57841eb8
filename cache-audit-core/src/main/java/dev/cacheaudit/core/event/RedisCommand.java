package dev.cacheaudit.core.event;

import org.jspecify.annotations.Nullable;

/**
 * A command seen on the wire to Redis.
 *
 * @param command the command name, upper case ({@code GET}, {@code SET}, {@code DEL}, {@code UNLINK}, ...)
 * @param key the first key argument, as the exact bytes sent; {@code null} for commands without a key
 * @param result the integer result (such as the number of keys a {@code DEL} removed), or {@code -1} when the command
 *     has none or failed
 * @param ttlMillis the expiry set with the command ({@code SET ... PX/EX}, {@code EXPIRE}), or {@code -1}
 * @param error the error message when the command failed, otherwise {@code null}
 * @param durationNanos how long the command took from dispatch to completion
 * @param nanos when it completed
 * @param site the application code that sent it, when it was captured
 */
public record RedisCommand(
        String command,
        byte @Nullable [] key,
        long result,
        long ttlMillis,
        @Nullable String error,
        long durationNanos,
        long nanos,
        @Nullable String site)
        implements CacheEvent {

    /** A command whose sending site is unknown. */
    public RedisCommand(
            String command,
            byte @Nullable [] key,
            long result,
            long ttlMillis,
            @Nullable String error,
            long durationNanos,
            long nanos) {
        this(command, key, result, ttlMillis, error, durationNanos, nanos, null);
    }

    /** Whether the command failed. */
    public boolean failed() {
        return error != null;
    }
}
