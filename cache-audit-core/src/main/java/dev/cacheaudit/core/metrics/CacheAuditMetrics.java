package dev.cacheaudit.core.metrics;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.CacheCounters;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.RedisCommand;
import dev.cacheaudit.core.event.VerificationOutcome;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.FindingStore;
import dev.cacheaudit.core.finding.Observation;
import dev.cacheaudit.core.finding.Severity;
import dev.cacheaudit.core.internal.engine.AuditEngine;
import dev.cacheaudit.core.internal.engine.InternalErrors;
import dev.cacheaudit.core.internal.state.WriteCoverage;
import dev.cacheaudit.core.listen.AuditListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The auditor's meters. Never a key or a value as a tag.
 *
 * <ul>
 *   <li>{@code cache.audit.operations} (tags {@code cache}, {@code result}: hit, miss, put, evict, clear, error):
 *       cache operations observed.
 *   <li>{@code cache.audit.findings} (tags {@code kind}, {@code severity}, {@code cache}): sightings of problems;
 *       registered at zero for every kind when a cache appears, so that {@code increase()} sees the first sighting.
 *   <li>{@code cache.audit.findings.active} (tags {@code kind}, {@code severity}, {@code cache}): distinct findings
 *       held now (deduplicated, until cleared); the gauge to alert on.
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
 *       engine-thread, listener): faults of the auditor itself, which it survived.
 *   <li>{@code cache.audit.state.forgotten}: keys, shapes and caches forgotten to stay within the limits, caches
 *       beyond {@code limits.max-caches} included.
 *   <li>{@code cache.audit.state.size}: estimated heap of the per-key history, in bytes.
 *   <li>{@code cache.audit.findings.dropped}: distinct findings not stored because the store was full.
 * </ul>
 *
 * <p>The {@code cache} tag is bounded by {@link MeterSettings#maxCaches()}: caches beyond it share the tag
 * {@value MeterNames#OTHER_CACHES} (their per-cache operation counters are not registered). Timers publish percentile
 * histograms only when {@link MeterSettings#histograms()} is on.
 */
public final class CacheAuditMetrics implements MeterBinder {

    private final CacheAudit audit;

    private final MeterSettings settings;

    private final CacheTags cacheTags;

    public CacheAuditMetrics(CacheAudit audit) {
        this(audit, MeterSettings.DEFAULTS);
    }

    public CacheAuditMetrics(CacheAudit audit, MeterSettings settings) {
        this.audit = java.util.Objects.requireNonNull(audit, "audit");
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
        this.cacheTags = new CacheTags(settings.maxCaches());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        audit.addListener(new Meters(registry, audit.verificationStats() != null));
        WriteCoverage coverage = audit.writeCoverage();
        writes(registry, coverage, "covered", WriteCoverage::coveredCount);
        writes(registry, coverage, "uncovered", WriteCoverage::uncoveredCount);
        writes(registry, coverage, "unheld", WriteCoverage::unheldCount);
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

    /** The meters that move as the audit tells of caches, events, findings and verification outcomes. */
    private final class Meters implements AuditListener {

        private final MeterRegistry registry;

        private final boolean verifying;

        private final Timer removed;

        private final Timer absent;

        private final Timer failed;

        Meters(MeterRegistry registry, boolean verifying) {
            this.registry = registry;
            this.verifying = verifying;
            this.removed = evictionTimer(registry, "removed");
            this.absent = evictionTimer(registry, "absent");
            this.failed = evictionTimer(registry, "failed");
        }

        @Override
        public void onCacheTracked(String cache, CacheCounters counters) {
            if (cacheTags.admit(cache)) {
                bindCache(registry, cache, counters, verifying);
            }
        }

        @Override
        public void onObservation(Observation observation) {
            findings(registry, observation.kind(), cacheTags.tag(observation.cache()))
                    .increment();
        }

        @Override
        public void onFinding(Finding finding, boolean first) {
            if (first) {
                activeFindings(registry, finding.kind(), finding.severity(), finding.cache());
            }
        }

        @Override
        public void onEvent(CacheEvent event) {
            if (event instanceof RedisCommand command && command.type().deletes()) {
                Timer timer = command.failed() ? failed : command.result() > 0 ? removed : absent;
                timer.record(command.durationNanos(), TimeUnit.NANOSECONDS);
            } else if (verifying && event instanceof VerificationOutcome outcome) {
                verifications(registry, cacheTags.tag(outcome.cache()), outcome.outcome())
                        .increment();
            }
        }

        @Override
        public void onStaleness(String cache, Duration staleFor) {
            Timer.builder(MeterNames.STALENESS)
                    .description("How long stale entries were stale: until seen fresh again, or until reported")
                    .tags(MeterNames.TAG_CACHE, cacheTags.tag(cache))
                    .publishPercentileHistogram(settings.histograms())
                    .register(registry)
                    .record(staleFor);
        }

        @Override
        public void onConsistency(String cache, String window, DoubleSupplier ratio) {
            if (cacheTags.admit(cache)) {
                Gauge.builder(MeterNames.CONSISTENCY, ratio, DoubleSupplier::getAsDouble)
                        .description("Fresh ÷ verified entries, per cache and per window after a write (or 'sample')")
                        .tags(MeterNames.TAG_CACHE, cache, MeterNames.TAG_WINDOW, window)
                        .register(registry);
            }
        }
    }

    private static void writes(
            MeterRegistry registry, WriteCoverage coverage, String outcome, ToDoubleFunction<WriteCoverage> count) {
        FunctionCounter.builder(MeterNames.WRITES, coverage, count)
                .description("Writes to the source of truth, per cache holding the written entity, by whether an"
                        + " invalidation covered them (unheld: no cache held an entry the write could make stale)")
                .tags(MeterNames.TAG_OUTCOME, outcome)
                .register(registry);
    }

    private Timer evictionTimer(MeterRegistry registry, String outcome) {
        return Timer.builder(MeterNames.EVICTION_DURATION)
                .description("How long Redis DEL/UNLINK evictions took from dispatch to completion (Spring Data"
                        + " Redis 4 sends them without waiting)")
                .tags(MeterNames.TAG_OUTCOME, outcome)
                .publishPercentileHistogram(settings.histograms())
                .register(registry);
    }

    private static Counter findings(MeterRegistry registry, FindingKind kind, String cacheTag) {
        return Counter.builder(MeterNames.FINDINGS)
                .description("Sightings of cache consistency problems")
                .tags(
                        MeterNames.TAG_KIND,
                        kind.name(),
                        MeterNames.TAG_SEVERITY,
                        kind.severity().name(),
                        MeterNames.TAG_CACHE,
                        cacheTag)
                .register(registry);
    }

    private static Counter verifications(MeterRegistry registry, String cacheTag, VerificationOutcome.Outcome outcome) {
        return Counter.builder(MeterNames.VERIFICATIONS)
                .description("Cache entries checked against the source of truth, by outcome")
                .tags(
                        MeterNames.TAG_CACHE,
                        cacheTag,
                        MeterNames.TAG_OUTCOME,
                        outcome.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry);
    }

    private void activeFindings(MeterRegistry registry, FindingKind kind, Severity severity, String cache) {
        String cacheTag = cacheTags.tag(cache);
        FindingStore store = audit.findings();
        Gauge.builder(MeterNames.FINDINGS_ACTIVE, store, s -> active(s, kind, severity, cacheTag))
                .description("Distinct cache consistency problems held now (deduplicated, until cleared)")
                .tags(
                        MeterNames.TAG_KIND,
                        kind.name(),
                        MeterNames.TAG_SEVERITY,
                        severity.name(),
                        MeterNames.TAG_CACHE,
                        cacheTag)
                .register(registry);
    }

    private double active(FindingStore store, FindingKind kind, Severity severity, String cacheTag) {
        long count = 0;
        for (Finding finding : store.findings()) {
            if (finding.kind() == kind
                    && finding.severity() == severity
                    && cacheTags.tag(finding.cache()).equals(cacheTag)) {
                count++;
            }
        }
        return count;
    }

    private static void bindCache(MeterRegistry registry, String cache, CacheCounters counters, boolean verifying) {
        // Registered at zero, so that increase() and rate() see the first sighting and the first stale check.
        for (FindingKind kind : FindingKind.values()) {
            findings(registry, kind, cache);
        }
        if (verifying) {
            for (VerificationOutcome.Outcome outcome : VerificationOutcome.Outcome.values()) {
                verifications(registry, cache, outcome);
            }
        }
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
