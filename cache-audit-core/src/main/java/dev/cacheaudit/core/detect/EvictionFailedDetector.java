package dev.cacheaudit.core.detect;

import dev.cacheaudit.core.event.CacheError;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.RedisCommand;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Observation;
import dev.cacheaudit.core.internal.state.AuditView;
import dev.cacheaudit.core.keys.KeyDescriptor;
import dev.cacheaudit.core.keys.KeyRedactor;
import dev.cacheaudit.core.keys.RedisKeys;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code EVICTION_FAILED}: an eviction or clear that threw, one that a {@code CacheErrorHandler} swallowed so the
 * application never knew, and an asynchronous {@code DEL}/{@code UNLINK} that Redis refused or that never completed
 * (Spring Data Redis 4 sends evictions without waiting). The cache decorator sees the failure first and the error
 * handler then tells whether it was swallowed; the two sightings of one failure are paired by the thread they ran on
 * (other threads' events may come between them) and reported once. A failure that no handler claims within a second
 * reached the application. A failed synchronous command that the cache decorator also saw is reported once too.
 */
public final class EvictionFailedDetector implements Detector {

    private static final long SAME_FAILURE_NANOS = Duration.ofSeconds(1).toNanos();

    private final KeyRedactor redactor;

    /** How many threads may have a failure waiting for their error handler's verdict at once. */
    private static final int MAX_UNRESOLVED = 1000;

    /** Per thread, the failure the cache decorator saw and that no error handler has claimed yet. */
    private final Map<Long, CacheError> unresolved = new LinkedHashMap<>();

    private final Map<String, Long> lastCacheFailure = new LinkedHashMap<>();

    /** Refused commands waiting a tick, in case the cache decorator saw the same failure (synchronous evictions). */
    private final java.util.List<RedisCommand> wireFailures = new java.util.ArrayList<>();

    public EvictionFailedDetector(KeyRedactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public void on(CacheEvent event, AuditView state, FindingSink findings) {
        if (event instanceof CacheError error && isEviction(error.operation())) {
            lastCacheFailure.put(error.cache(), error.nanos());
            if (lastCacheFailure.size() > 1000) {
                lastCacheFailure.remove(lastCacheFailure.keySet().iterator().next());
            }
            if (error.swallowed()) {
                CacheError previous = unresolved.remove(error.thread());
                if (previous != null && !sameFailure(previous, error)) {
                    findings.report(fromCache(previous, state));
                }
                findings.report(fromCache(error, state));
            } else {
                CacheError previous = unresolved.remove(error.thread());
                if (previous != null) {
                    findings.report(fromCache(previous, state));
                }
                if (unresolved.size() >= MAX_UNRESOLVED) {
                    Long eldest = unresolved.keySet().iterator().next();
                    findings.report(fromCache(unresolved.remove(eldest), state));
                }
                unresolved.put(error.thread(), error);
            }
        } else if (event instanceof RedisCommand command
                && command.failed()
                && command.type().deletes()) {
            if (wireFailures.size() < 1000) {
                wireFailures.add(command);
            }
        }
    }

    @Override
    public void onTick(long nowNanos, AuditView state, FindingSink findings) {
        flush(nowNanos, state, findings);
        java.util.Iterator<RedisCommand> pending = wireFailures.iterator();
        while (pending.hasNext()) {
            RedisCommand command = pending.next();
            if (nowNanos - command.nanos() >= SAME_FAILURE_NANOS) {
                pending.remove();
                fromWire(command, state, findings);
            }
        }
    }

    /** Failures that no error handler claimed in time: the application saw the exception. */
    private void flush(long nowNanos, AuditView state, FindingSink findings) {
        java.util.Iterator<CacheError> waiting = unresolved.values().iterator();
        while (waiting.hasNext()) {
            CacheError error = waiting.next();
            if (nowNanos - error.nanos() >= SAME_FAILURE_NANOS) {
                waiting.remove();
                findings.report(fromCache(error, state));
            }
        }
    }

    private void fromWire(RedisCommand command, AuditView state, FindingSink findings) {
        String printed = command.key() != null ? RedisKeys.print(command.key()) : "";
        String cache = cacheOf(printed, state);
        if (state.existingProfile(cache) == null && !cache.equals(AuditView.WIRE) && !redactor.shows(cache)) {
            // A prefix no cache is named by is part of the key: it names the finding (and a meter tag) only when known
            // to be structure.
            cache = AuditView.WIRE;
        }
        Long seen = lastCacheFailure.get(cache);
        if (seen != null && Math.abs(command.nanos() - seen) < SAME_FAILURE_NANOS) {
            return;
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("operation", command.command());
        // A server's error text may quote the key; outside plain mode only its code (NOPERM, say) is kept.
        evidence.put(
                "error",
                redactor.mode() == KeyRedactor.Mode.PLAIN ? firstLine(command.error()) : errorCode(command.error()));
        evidence.put("seenBy", "redis");
        KeyDescriptor key = command.key() != null ? KeyDescriptor.ofRedis(command.key()) : null;
        findings.report(new Observation(
                FindingKind.EVICTION_FAILED,
                cache,
                "wire|" + command.command() + "|" + errorCode(command.error()),
                "Redis refused " + command.command() + " for cache '" + cache + "' (" + errorCode(command.error())
                        + "); the eviction was sent without waiting, so the application never saw the failure and"
                        + " the entry stays cached",
                null,
                redactor.redact(key),
                command.site() != null ? List.of(command.site()) : List.of(),
                evidence));
    }

    private Observation fromCache(CacheError error, AuditView state) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("operation", error.operation());
        evidence.put("exception", error.exception());
        evidence.put("swallowed", String.valueOf(error.swallowed()));
        String site = error.site() != null ? error.site() : "unknown";
        String outcome;
        if (error.operation().equals("evict") && error.key() == null) {
            // Only a key expression that gave null leaves an eviction without a key: Spring threw before the cache.
            evidence.put("cause", "key expression gave null");
            outcome = "its key expression gave null, so Spring evicted nothing; the application saw the exception"
                    + " after the method had run, and the entry stays cached";
        } else {
            outcome = error.swallowed()
                    ? "a CacheErrorHandler swallowed the failure, so the application went on as if the entry were gone"
                    : "the application saw the exception, but the entry stays cached";
        }
        return new Observation(
                FindingKind.EVICTION_FAILED,
                error.cache(),
                error.operation() + "|" + error.exception() + "|" + site,
                "the " + error.operation() + " on cache '" + error.cache() + "' in " + site + " failed with "
                        + simpleName(error.exception()) + "; " + outcome,
                null,
                error.key() != null ? redactor.redact(state.describe(error.key())) : null,
                error.site() != null ? List.of(error.site()) : List.of(),
                evidence);
    }

    /**
     * The cache a Redis key belongs to: the known cache whose name ends the part before {@code ::} (key prefixes such
     * as {@code myapp:users::42} included), or that part itself.
     */
    private static String cacheOf(String printed, AuditView state) {
        String[] split = RedisKeys.splitCacheKey(printed);
        if (split == null) {
            return AuditView.WIRE;
        }
        for (var profile : state.profiles()) {
            String name = profile.name();
            if (split[0].equals(name) || split[0].endsWith(":" + name) || split[0].endsWith(name)) {
                return name;
            }
        }
        return split[0];
    }

    private static boolean sameFailure(CacheError first, CacheError second) {
        return first.cache().equals(second.cache())
                && first.operation().equals(second.operation())
                && first.key() == second.key();
    }

    private static boolean isEviction(String operation) {
        return operation.equals("evict") || operation.equals("clear");
    }

    private static String errorCode(@Nullable String error) {
        String line = firstLine(error);
        int space = line.indexOf(' ');
        String code = space > 0 ? line.substring(0, space) : line;
        return code.length() > 40 ? code.substring(0, 40) : code;
    }

    private static String firstLine(@Nullable String error) {
        if (error == null) {
            return "unknown";
        }
        int newline = error.indexOf('\n');
        return newline >= 0 ? error.substring(0, newline) : error;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
