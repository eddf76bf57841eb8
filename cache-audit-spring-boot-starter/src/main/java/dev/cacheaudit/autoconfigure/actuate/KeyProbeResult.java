package dev.cacheaudit.autoconfigure.actuate;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code /actuator/cacheaudit/{cache}/probe?key=...} answers. Keys are redacted as everywhere else
 * ({@code cache-audit.redaction.keys}); values never appear, only the names of the fields that differ.
 *
 * @param cache the cache
 * @param key the probed key, redacted
 * @param backend the kind of store behind the cache
 * @param state {@code fresh}, {@code stale}, {@code absent}, {@code cached} (held; the source was not read) or
 *     {@code unknown}
 * @param cached whether the cache holds the key
 * @param keyType the type of the key the entry is held under, when found
 * @param ttlMillis for a Redis cache, the entry's remaining time to live ({@code -1}: no expiry)
 * @param source whether and how the source of truth was re-read
 * @param differingFields for a stale entry, the names of the fields that differ
 * @param staleSince for a stale entry, the first check in the timeline that found it stale (since the last fresh
 *     check, put or eviction)
 * @param timeline the key's last recorded events, oldest first
 */
public record KeyProbeResult(
        String cache,
        String key,
        String backend,
        String state,
        boolean cached,
        @Nullable String keyType,
        @Nullable Long ttlMillis,
        String source,
        List<String> differingFields,
        @Nullable Instant staleSince,
        List<Event> timeline) {

    /**
     * One recorded event of the key.
     *
     * @param at when it happened
     * @param event read, load, put, evict, clear, redis, write, check
     * @param detail hit or miss, the Redis command and its result, the check's outcome
     * @param keyForm the key's type, the written entity, or the Redis key as sent (redacted)
     * @param site the calling code, when known
     */
    public record Event(
            Instant at,
            String event,
            String detail,
            String keyForm,
            @Nullable String site) {}
}
