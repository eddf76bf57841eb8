package dev.cacheaudit.core.metrics;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.detect.WriteCoverage;
import dev.cacheaudit.core.engine.AuditEngine;
import dev.cacheaudit.core.engine.InternalErrors;
import dev.cacheaudit.core.event.RedisCommand;
import dev.cacheaudit.core.event.VerificationOutcome;
import dev.cacheaudit.core.finding.FindingStore;
import dev.cacheaudit.core.state.CacheCounters;
import dev.cacheaudit.core.verify.VerificationStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The auditor's meters. Never a key or a value as a tag.
 *
 * <ul>
 *   <li>{@code cache.audit.operations} (tags {@code cache}, {@code result}: hit, miss, put, evict, clear, error):
 *       cache operations observed.
 *   <li>{@code cache.audit.findings} (tags {@code kind}, {@code severity}, {@code cache}): sightings of problems.
 *   <li>{@code cache.audit.writes} (tag {@code outcome}: covered, uncovered, unheld): writes to the source of truth,
 *       per cache holding the written entity, by whether an invalidation covered them.
 *   <li>{@code cache.audit.eviction.duration} (tag {@code outcome}: removed, absent, failed): how long Redis
 *       evictions took to complete.
 *   <li>{@code cache.audit.verifications} (tags {@code cache}, {@code outcome}: fresh, stale, inconclusive, absent,
 *       skipped): entries checked against the source of truth; only with verification on.
 *   <li>{@code cache.audit.staleness} (tag {@code cache}): how long stale entries were stale.
 *   <li>{@code cache.audit.consistency} (tags {@code cache}, {@code window}): fresh ÷ verified per window.
 *   <li>{@code cache.audit.events.dropped}: events dropped because the engine's queue was full.
 *   <li>{@code cache.audit.events.queued}: events waiting for analysis.
 *   <li>{@code cache.audit.internal.errors} (tag {@code where}: recording, state, detector, verifier,
 *       engine-thread): faults of the auditor itself, which it survived.
 *   <li>{@code cache.audit.state.forgotten}: keys, shapes and caches forgotten to stay within the limits, caches
 *       beyond {@code limits.max-caches} included.
 *   <li>{@code cache.audit.state.size}: estimated heap of the per-key history, in bytes.
 *   <li>{@code cache.audit.findings.dropped}: distinct findings not stored because the store was full.
 * </ul>
 */
public final class CacheAuditMetrics implements MeterBinder {

    private final CacheAudit audit;

    public CacheAuditMetrics(CacheAudit audit) {
        this.audit = audit;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        audit.caches().onCache((cache, counters) -> bindCache(registry, cache, counters));
        audit.onObservation(observation -> Counter.builder(MeterNames.FINDINGS)
                .description("Sightings of cache consistency problems")
                .tags(
                        MeterNames.TAG_KIND,
                        observation.kind().name(),
                        MeterNames.TAG_SEVERITY,
                        observation.kind().severity().name(),
                        MeterNames.TAG_CACHE,
                        observation.cache())
                .register(registry)
                .increment());
        WriteCoverage coverage = audit.writeCoverage();
        writes(registry, coverage, "covered", WriteCoverage::coveredCount);
        writes(registry, coverage, "uncovered", WriteCoverage::uncoveredCount);
        writes(registry, coverage, "unheld", WriteCoverage::unheldCount);
        Timer removed = evictionTimer(registry, "removed");
        Timer absent = evictionTimer(registry, "absent");
        Timer failed = evictionTimer(registry, "failed");
        audit.onEvent(event -> {
            if (event instanceof RedisCommand command
                    && (command.command().equals("DEL") || command.command().equals("UNLINK"))) {
                Timer timer = command.failed() ? failed : command.result() > 0 ? removed : absent;
                timer.record(command.durationNanos(), TimeUnit.NANOSECONDS);
            }
        });
        VerificationStats verification = audit.verificationStats();
        if (verification != null) {
            bindVerification(registry, verification);
        }
        AuditEngine engine = audit.engine();
        FunctionCounter.builder(MeterNames.EVENTS_DROPPED, engine, AuditEngine::droppedEvents)
                .description("Events dropped because the audit engine's queue was full")
                .register(registry);
        Gauge.builder(MeterNames.EVENTS_QUEUED, engine, AuditEngine::queued)
                .description("Events waiting for analysis")
                .register(registry);
        InternalErrors errors = engine.errors();
        for (InternalErrors.Where where : InternalErrors.Where.values()) {
            FunctionCounter.builder(MeterNames.INTERNAL_ERRORS, errors, e -> e.count(where))
                    .description("Faults of the auditor itself, counted and survived, by where they happened")
                    .tags(MeterNames.TAG_WHERE, where.tag())
                    .register(registry);
        }
        FunctionCounter.builder(
                        MeterNames.STATE_FORGOTTEN,
                        audit,
                        a -> a.engine().forgotten() + a.caches().overflowed())
                .description("Keys, shapes and caches forgotten to stay within the configured limits")
                .register(registry);
        Gauge.builder(MeterNames.STATE_SIZE, engine, AuditEngine::trackedKeyBytes)
                .description("Estimated heap taken by the per-key history")
                .baseUnit("bytes")
                .register(registry);
        FunctionCounter.builder(MeterNames.FINDINGS_DROPPED, audit.findings(), FindingStore::dropped)
                .description("Distinct findings not stored because the finding store was full")
                .register(registry);
    }

    private void bindVerification(MeterRegistry registry, VerificationStats verification) {
        audit.onEvent(event -> {
            if (event instanceof VerificationOutcome outcome) {
                Counter.builder(MeterNames.VERIFICATIONS)
                        .description("Cache entries checked against the source of truth, by outcome")
                        .tags(
                                MeterNames.TAG_CACHE,
                                outcome.cache(),
                                MeterNames.TAG_OUTCOME,
                                outcome.outcome().name().toLowerCase(java.util.Locale.ROOT))
                        .register(registry)
                        .increment();
            }
        });
        verification.onStaleness((cache, staleFor) -> Timer.builder(MeterNames.STALENESS)
                .description("How long stale entries were stale: until seen fresh again, or until reported")
                .tags(MeterNames.TAG_CACHE, cache)
                .publishPercentileHistogram()
                .register(registry)
                .record(staleFor));
        verification.onConsistency((cache, consistency) -> Gauge.builder(
                        MeterNames.CONSISTENCY, consistency, VerificationStats.Consistency::ratio)
                .description("Fresh ÷ verified entries, per cache and per window after a write (or 'sample')")
                .tags(MeterNames.TAG_CACHE, cache, MeterNames.TAG_WINDOW, consistency.window())
                .register(registry));
    }

    private static void writes(
            MeterRegistry registry, WriteCoverage coverage, String outcome, ToDoubleFunction<WriteCoverage> count) {
        FunctionCounter.builder(MeterNames.WRITES, coverage, count)
                .description("Writes to the source of truth, per cache holding the written entity, by whether an"
                        + " invalidation covered them (unheld: no cache held an entry the write could make stale)")
                .tags(MeterNames.TAG_OUTCOME, outcome)
                .register(registry);
    }

    private static Timer evictionTimer(MeterRegistry registry, String outcome) {
        return Timer.builder(MeterNames.EVICTION_DURATION)
                .description("How long Redis DEL/UNLINK evictions took from dispatch to completion (Spring Data"
                        + " Redis 4 sends them without waiting)")
                .tags(MeterNames.TAG_OUTCOME, outcome)
                .publishPercentileHistogram()
                .register(registry);
    }

    private static void bindCache(MeterRegistry registry, String cache, CacheCounters counters) {
        operation(registry, cache, "hit", counters, CacheCounters::hits);
        operation(registry, cache, "miss", counters, CacheCounters::misses);
        operation(registry, cache, "put", counters, CacheCounters::puts);
        operation(registry, cache, "evict", counters, CacheCounters::evictions);
        operation(registry, cache, "clear", counters, CacheCounters::clears);
        operation(registry, cache, "error", counters, CacheCounters::errors);
    }

    private static void operation(
            MeterRegistry registry,
            String cache,
            String result,
            CacheCounters counters,
            ToDoubleFunction<CacheCounters> count) {
        FunctionCounter.builder(MeterNames.OPERATIONS, counters, count)
                .description("Cache operations observed by cache-audit")
                .tags(Tags.of(MeterNames.TAG_CACHE, cache, MeterNames.TAG_RESULT, result))
                .register(registry);
    }
}
