package dev.cacheaudit.autoconfigure.actuate;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.CacheClear;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.CacheEvict;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.CacheRead;
import dev.cacheaudit.core.event.RedisCommand;
import dev.cacheaudit.core.event.SourceWrite;
import dev.cacheaudit.core.event.VerificationOutcome;
import dev.cacheaudit.core.listen.AuditListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The last events the auditor analysed, across all keys, bounded; asked for the events of one key when a key is probed.
 * Fed on the engine's thread, read from the endpoint's: a small lock guards it. Keys are kept as they print and never
 * leave unredacted (the endpoint redacts them).
 */
final class KeyTimeline implements AuditListener {

    private final Deque<Entry> entries = new ArrayDeque<>();

    private final int capacity;

    private final CacheAudit audit;

    /** @param audit whose clock and ticker turn an event's monotonic time into the wall time shown */
    KeyTimeline(int capacity, CacheAudit audit) {
        this.capacity = capacity;
        this.audit = audit;
    }

    /**
     * One event of a key.
     *
     * @param at when it happened
     * @param cache the cache, empty for a write of an entity (which any cache may hold)
     * @param printedKey the key as it prints ({@code *} for a whole-cache clear)
     * @param keyForm the key's type, or the Redis key as sent, for a Redis command
     * @param event read, load, put, evict, clear, redis, write, check
     * @param detail hit or miss, the Redis command and its result, the check's outcome and differing field names
     * @param site the calling code, when known
     */
    record Entry(
            Instant at,
            String cache,
            String printedKey,
            String keyForm,
            String event,
            String detail,
            @Nullable String site) {}

    @Override
    public void onEvent(CacheEvent event) {
        Entry entry = entry(event);
        if (entry != null) {
            synchronized (entries) {
                if (entries.size() >= capacity) {
                    entries.removeFirst();
                }
                entries.addLast(entry);
            }
        }
    }

    /** The events of one key of one cache, oldest first, at most {@code limit} (the latest). */
    List<Entry> of(String cache, String printedKey, int limit) {
        List<Entry> matching = new ArrayList<>();
        synchronized (entries) {
            for (Entry entry : entries) {
                boolean sameCache = entry.cache().isEmpty() || entry.cache().equals(cache);
                boolean sameKey = entry.printedKey().equals(printedKey)
                        || entry.printedKey().equals("*");
                if (sameCache && sameKey) {
                    matching.add(entry);
                }
            }
        }
        return matching.size() <= limit ? matching : matching.subList(matching.size() - limit, matching.size());
    }

    private @Nullable Entry entry(CacheEvent event) {
        if (event instanceof CacheRead read) {
            return new Entry(
                    at(read.nanos()),
                    read.cache(),
                    String.valueOf(read.key()),
                    type(read.key()),
                    read.hit() ? "read" : "load",
                    read.hit() ? "hit" : "miss",
                    read.site());
        }
        if (event instanceof CachePut put) {
            return new Entry(
                    at(put.nanos()), put.cache(), String.valueOf(put.key()), type(put.key()), "put", "", put.site());
        }
        if (event instanceof CacheEvict evict) {
            return new Entry(
                    at(evict.nanos()),
                    evict.cache(),
                    String.valueOf(evict.key()),
                    type(evict.key()),
                    "evict",
                    evict.tx().txId() != 0 ? "in a transaction" : "",
                    evict.site());
        }
        if (event instanceof CacheClear clear) {
            return new Entry(at(clear.nanos()), clear.cache(), "*", "", "clear", "all entries", clear.site());
        }
        if (event instanceof SourceWrite write && write.id() != null) {
            return new Entry(
                    at(write.nanos()),
                    "",
                    String.valueOf(write.id()),
                    write.entity(),
                    "write",
                    write.kind().name().toLowerCase(java.util.Locale.ROOT),
                    write.site());
        }
        if (event instanceof VerificationOutcome check) {
            return new Entry(
                    at(check.nanos()),
                    check.cache(),
                    check.printedKey(),
                    check.keyType(),
                    "check",
                    check.outcome().name().toLowerCase(java.util.Locale.ROOT)
                            + (check.differingFields().isEmpty() ? "" : " " + check.differingFields()),
                    null);
        }
        if (event instanceof RedisCommand command && command.key() != null) {
            String redisKey = new String(command.key(), StandardCharsets.UTF_8);
            int separator = redisKey.indexOf("::");
            if (separator < 0) {
                return null;
            }
            String cache = redisKey.substring(0, separator);
            int prefixEnd = cache.lastIndexOf(':');
            return new Entry(
                    at(command.nanos()),
                    prefixEnd >= 0 ? cache.substring(prefixEnd + 1) : cache,
                    redisKey.substring(separator + 2),
                    "redis",
                    "redis",
                    command.command() + (command.failed() ? " failed" : " -> " + command.result()),
                    command.site());
        }
        return null;
    }

    private static String type(Object key) {
        return key.getClass().getSimpleName();
    }

    private Instant at(long nanos) {
        return audit.clock().instant().minus(Duration.ofNanos(Math.max(0, audit.nanoTime() - nanos)));
    }
}
