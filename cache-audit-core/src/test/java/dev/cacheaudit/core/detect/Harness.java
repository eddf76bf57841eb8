package dev.cacheaudit.core.detect;

import dev.cacheaudit.core.Detectors;
import dev.cacheaudit.core.StateLimits;
import dev.cacheaudit.core.event.CacheClear;
import dev.cacheaudit.core.event.CacheError;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.CacheEvict;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.CacheRead;
import dev.cacheaudit.core.event.CacheRegistered;
import dev.cacheaudit.core.event.CacheRegistered.KeyComparison;
import dev.cacheaudit.core.event.DeclaredOperations;
import dev.cacheaudit.core.event.RedisCommand;
import dev.cacheaudit.core.event.SourceWrite;
import dev.cacheaudit.core.event.TxBoundary;
import dev.cacheaudit.core.event.TxState;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Observation;
import dev.cacheaudit.core.internal.state.AuditState;
import dev.cacheaudit.core.keys.KeyDecomposer;
import dev.cacheaudit.core.keys.KeyRedactor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Feeds events to the built-in detectors the way the engine does, synchronously, and keeps what they report. */
final class Harness {

    private final AuditState state;

    private final List<Detector> detectors;

    final List<Observation> observations = new ArrayList<>();

    private long clock = 1_000_000;

    Harness() {
        this(KeyDecomposer.NONE);
    }

    Harness(KeyDecomposer decomposer) {
        this.state = new AuditState(StateLimits.DEFAULTS, decomposer);
        this.detectors = Detectors.defaults(new KeyRedactor(KeyRedactor.Mode.PLAIN));
    }

    Harness apply(CacheEvent event) {
        state.apply(event);
        for (Detector detector : detectors) {
            detector.on(event, state, observations::add);
        }
        return this;
    }

    Harness cacheWithTtl(String cache, long ttlMillis) {
        return apply(new CacheRegistered(cache, "redis", false, KeyComparison.SERIALIZED, ttlMillis, tick()));
    }

    /** A miss whose load started at {@code loadStart} and whose put came at {@code putAt}. */
    Harness load(String cache, Object key, long loadStart, long putAt, String site) {
        return apply(new CachePut(cache, key, site, loadStart, TxState.NONE, putAt));
    }

    Harness missAt(String cache, Object key, long at, String site) {
        return apply(new CacheRead(cache, key, false, site, at));
    }

    long now() {
        return clock;
    }

    Harness cache(String cache, KeyComparison comparison) {
        return apply(new CacheRegistered(
                cache, comparison == KeyComparison.EQUALS ? "map" : "redis", false, comparison, tick()));
    }

    /** A {@code @Cacheable} miss and the put that follows it. */
    Harness read(String cache, Object key, String site) {
        long start = tick();
        apply(new CacheRead(cache, key, false, site, start));
        return apply(new CachePut(cache, key, site, start, TxState.NONE, tick()));
    }

    Harness hit(String cache, Object key, String site) {
        return apply(new CacheRead(cache, key, true, site, tick()));
    }

    Harness evict(String cache, Object key, String site) {
        return apply(new CacheEvict(cache, key, site, TxState.NONE, tick()));
    }

    Harness put(String cache, Object key, String site) {
        return apply(new CachePut(cache, key, site, 0, TxState.NONE, tick()));
    }

    Harness clear(String cache, String site) {
        return apply(new CacheClear(cache, site, TxState.NONE, tick()));
    }

    Harness declared(DeclaredOperations.Declared... operations) {
        return apply(new DeclaredOperations(List.of(operations), tick()));
    }

    Harness redis(String command, String key, long result, String site) {
        return apply(new RedisCommand(
                RedisCommand.Type.valueOf(command),
                key.getBytes(StandardCharsets.UTF_8),
                result,
                -1,
                null,
                1000,
                tick(),
                site));
    }

    Harness write(String entity, Object id, long txId, String site) {
        return apply(new SourceWrite(entity, id, SourceWrite.Kind.SAVE, site, new TxState(txId, false), tick()));
    }

    Harness evictInTx(String cache, Object key, long txId, boolean transactionAware, String site) {
        return apply(new CacheEvict(cache, key, site, new TxState(txId, transactionAware), tick()));
    }

    Harness commit(long txId) {
        return apply(new TxBoundary(txId, TxBoundary.Outcome.COMMITTED, tick()));
    }

    Harness rollback(long txId) {
        return apply(new TxBoundary(txId, TxBoundary.Outcome.ROLLED_BACK, tick()));
    }

    Harness error(String cache, String operation, Object key, boolean swallowed, String site) {
        return apply(new CacheError(cache, operation, key, "java.lang.IllegalStateException", swallowed, site, tick()));
    }

    Harness redisFailure(String command, String key, String error) {
        return apply(new RedisCommand(
                RedisCommand.Type.valueOf(command),
                key.getBytes(StandardCharsets.UTF_8),
                -1,
                -1,
                error,
                0,
                tick(),
                null));
    }

    /** Lets time pass and runs the detectors' time-based checks. */
    Harness advance(Duration duration) {
        clock += duration.toNanos();
        for (Detector detector : detectors) {
            detector.onTick(clock, state, observations::add);
        }
        return this;
    }

    List<Observation> of(FindingKind kind) {
        return observations.stream().filter(o -> o.kind() == kind).toList();
    }

    private long tick() {
        return clock += 1000;
    }
}
