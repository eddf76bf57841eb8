package dev.cacheaudit.core;

import dev.cacheaudit.core.cause.StaleCauses;
import dev.cacheaudit.core.detect.Detector;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.SourceWrite;
import dev.cacheaudit.core.event.VerificationOutcome;
import dev.cacheaudit.core.finding.FindingStore;
import dev.cacheaudit.core.fleet.Fleet;
import dev.cacheaudit.core.internal.engine.AuditEngine;
import dev.cacheaudit.core.internal.engine.InternalErrors;
import dev.cacheaudit.core.internal.state.AuditState;
import dev.cacheaudit.core.internal.state.CacheRegistry;
import dev.cacheaudit.core.internal.state.WriteCoverage;
import dev.cacheaudit.core.keys.KeyRedactor;
import dev.cacheaudit.core.lineage.Lineage;
import dev.cacheaudit.core.lineage.LineageDetector;
import dev.cacheaudit.core.lineage.SqlParser;
import dev.cacheaudit.core.listen.AuditListener;
import dev.cacheaudit.core.listen.FindingLogger;
import dev.cacheaudit.core.report.AuditReport;
import dev.cacheaudit.core.report.CacheReport;
import dev.cacheaudit.core.report.ReportWriter;
import dev.cacheaudit.core.verify.VerificationBackend;
import dev.cacheaudit.core.verify.VerificationDetector;
import dev.cacheaudit.core.verify.VerificationSettings;
import dev.cacheaudit.core.verify.VerificationStats;
import dev.cacheaudit.core.verify.VerificationWorker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * One application's auditor: the engine, its findings, the per-cache counters and the report. The recording layer
 * hands events to {@link #submit(CacheEvent)}; everything else reads from here, or listens through an {@link
 * AuditListener} given to {@link Builder#listener} or {@link #addListener}. Which detectors run, and when, is listed
 * in {@link Detectors}.
 */
public final class CacheAudit implements AutoCloseable {

    private final String application;

    private final String instance;

    private final Clock clock;

    private final Ticker ticker;

    private final Instant startedAt;

    private final CacheRegistry caches;

    private final InternalErrors errors = new InternalErrors();

    private final Listeners listeners = new Listeners(errors);

    private final KeyRedactor redactor;

    private final FindingStore findings;

    private final AuditEngine engine;

    private final LongAdder sourceWrites = new LongAdder();

    private final WriteCoverage coverage = new WriteCoverage();

    private final Lineage lineage = new Lineage(64);

    private final @Nullable VerificationStats verificationStats;

    private final @Nullable VerificationWorker verificationWorker;

    private CacheAudit(Builder builder) {
        this.application = builder.application;
        this.instance = builder.instance;
        this.clock = builder.clock;
        this.ticker = builder.ticker;
        this.startedAt = clock.instant();
        builder.listeners.forEach(listeners::add);
        this.caches = new CacheRegistry(builder.engine.limits().maxCaches(), listeners::onCacheTracked);
        this.redactor = builder.redactionHashKey != null
                ? new KeyRedactor(builder.redaction, builder.redactionHashKey)
                : new KeyRedactor(builder.redaction);
        if (builder.fleet != null) {
            // One redactor for every finding: the fleet's show the same words and hashes as the others.
            builder.fleet.redactWith(redactor);
        }
        this.findings = new FindingStore(builder.maxFindings, clock);
        AuditState state =
                new AuditState(builder.engine.limits(), builder.engine.decomposer(), redactor.vocabulary(), caches);
        builder.configuredTables.forEach(lineage::configure);
        LineageDetector lineageDetector = builder.sqlParser != null
                ? new LineageDetector(builder.sqlParser, lineage, redactor, builder.coverageWindow)
                : null;
        VerificationDetector verificationDetector = null;
        StaleCauses causes = null;
        if (builder.verificationSettings != null && builder.verificationBackend != null) {
            this.verificationStats = new VerificationStats(listeners);
            this.verificationWorker = new VerificationWorker(
                    builder.verificationBackend, builder.verificationSettings, this::submit, errors, ticker);
            StaleCauses staleCauses = new StaleCauses(
                    redactor,
                    lineage,
                    builder.sqlParser,
                    builder.fleet,
                    instance,
                    findings,
                    clock,
                    ticker,
                    builder.coverageWindow);
            // Every observation, the stale ones' own included, is a link a later stale entry may name as its cause.
            listeners.add(staleCauses);
            causes = staleCauses;
            verificationDetector = new VerificationDetector(
                    builder.verificationSettings,
                    verificationWorker,
                    verificationStats,
                    redactor,
                    builder.hitEventRate,
                    staleCauses);
        } else {
            this.verificationStats = null;
            this.verificationWorker = null;
        }
        List<Detector> detectors = Detectors.of(
                builder.defaultDetectors ? Detectors.defaults(redactor, coverage, builder.coverageWindow) : List.of(),
                builder.fleet,
                builder.foreignWrites,
                builder.detectors,
                lineageDetector,
                causes,
                verificationDetector);
        this.engine = new AuditEngine(builder.engine, state, detectors, findings, listeners, errors, ticker);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the analysis thread. */
    public CacheAudit start() {
        engine.start();
        if (verificationWorker != null) {
            verificationWorker.start();
        }
        return this;
    }

    /** Verification counts, or {@code null} when verification is off. */
    public @Nullable VerificationStats verificationStats() {
        return verificationStats;
    }

    /** The thread verification reads run on, or {@code null} when verification is off. */
    public @Nullable Thread verifierThread() {
        return verificationWorker != null ? verificationWorker.thread() : null;
    }

    /** Hands an event to the engine without blocking; returns {@code false} when it was dropped. */
    public boolean submit(CacheEvent event) {
        if (event instanceof SourceWrite) {
            sourceWrites.increment();
        }
        return engine.submit(event);
    }

    /** The counters of a cache, for the recording layer's hot path. */
    public CacheCounters counters(String cache) {
        return caches.counters(cache);
    }

    /**
     * Counts a fault of the recording layer (a key whose {@code toString} threw, say) and logs the first of its kind
     * at WARN; the application's call goes on unchanged.
     *
     * @param where what could not be recorded, in words (e.g. {@code "a cache operation"})
     * @param fault what was thrown
     */
    public void recordingFailed(String where, Throwable fault) {
        engine.recordingError(where, fault);
    }

    /**
     * A monotonic time in nanoseconds that the engine refreshes about every millisecond; far cheaper to read than a
     * precise one, for events on the hot path (sampled hits).
     */
    public long coarseNanos() {
        return engine.coarseNanos();
    }

    /**
     * The monotonic time the audit runs on ({@link System#nanoTime()} unless the builder was given another): the time
     * events must carry, so that windows and grace periods measured from them mean what they say.
     */
    public long nanoTime() {
        return ticker.nanoTime();
    }

    /**
     * The wall clock the audit runs on ({@link Clock#systemUTC()} unless the builder was given another): first and last
     * seen, the report's dates. An event's wall time is this clock's now less the event's age on {@link #nanoTime()}.
     */
    public Clock clock() {
        return clock;
    }

    /**
     * The name of the store that backs a cache, {@code unknown} until its {@link
     * dev.cacheaudit.core.event.CacheRegistered} event was analysed. Kept by the {@link CacheRegistry} only.
     */
    public String backendOf(String cache) {
        return caches.backendOf(cache);
    }

    /**
     * Adds a listener to a running audit. It is first told, on the calling thread, of the caches already tracked and
     * of the consistency windows already measured; then of everything else as it happens (see {@link AuditListener}
     * for which thread tells it what).
     */
    public void addListener(AuditListener listener) {
        listeners.add(listener);
        caches.caches().forEach(listener::onCacheTracked);
        if (verificationStats != null) {
            verificationStats.announceConsistency(listener);
        }
    }

    /** How writes to the source of truth fared against the caches that hold their entities. */
    public WriteCoverage writeCoverage() {
        return coverage;
    }

    /** Waits until every event submitted so far has been analysed, at most {@code timeout}. */
    public boolean awaitQuiescence(Duration timeout) {
        return engine.awaitQuiescence(timeout);
    }

    /** A report of what was seen so far; waits up to two seconds for queued events to be analysed first. */
    public AuditReport report() {
        awaitQuiescence(Duration.ofSeconds(2));
        List<CacheReport> rows = new ArrayList<>();
        for (Map.Entry<String, CacheCounters> entry : caches.caches().entrySet()) {
            CacheCounters c = entry.getValue();
            VerificationStats v = verificationStats;
            CacheReport.Verifications verifications = v == null
                    ? null
                    : new CacheReport.Verifications(
                            v.count(entry.getKey(), VerificationOutcome.Outcome.FRESH),
                            v.confirmedStaleCount(entry.getKey()),
                            v.count(entry.getKey(), VerificationOutcome.Outcome.INCONCLUSIVE));
            rows.add(new CacheReport(
                    entry.getKey(),
                    caches.backendOf(entry.getKey()),
                    c.gets(),
                    c.hits(),
                    c.misses(),
                    c.puts(),
                    c.evictions(),
                    c.clears(),
                    verifications,
                    tables(entry.getKey())));
        }
        return new AuditReport(
                AuditReport.SCHEMA,
                application,
                instance,
                startedAt,
                clock.instant(),
                rows,
                findings.findings(),
                engine.droppedEvents());
    }

    private List<CacheReport.Table> tables(String cache) {
        List<CacheReport.Table> tables = new ArrayList<>();
        for (Lineage.Feed feed : lineage.tables(cache)) {
            tables.add(new CacheReport.Table(
                    feed.table(),
                    List.copyOf(feed.keyColumns().keySet()),
                    feed.source().name().toLowerCase(java.util.Locale.ROOT)));
        }
        return tables;
    }

    /** Which tables feed each cache, learned from its loads or configured. */
    public Lineage lineage() {
        return lineage;
    }

    /** Writes {@link #report()} to a file, atomically. */
    public void writeReport(Path path) {
        new ReportWriter().write(report(), path);
    }

    public String application() {
        return application;
    }

    public String instance() {
        return instance;
    }

    /**
     * The registry of caches. Internal: for the meter binder, tests and benchmarks; the recording layer goes through
     * {@link #counters(String)} and {@link #backendOf(String)}.
     */
    public CacheRegistry caches() {
        return caches;
    }

    public FindingStore findings() {
        return findings;
    }

    /**
     * The engine. Internal: for the meter binder, tests and benchmarks; the recording layer goes through
     * {@link #submit(CacheEvent)}, {@link #recordingFailed(String, Throwable)} and {@link #coarseNanos()}.
     */
    public AuditEngine engine() {
        return engine;
    }

    public KeyRedactor redactor() {
        return redactor;
    }

    /** How many writes to the source of truth were recorded. */
    public long sourceWrites() {
        return sourceWrites.sum();
    }

    @Override
    public void close() {
        if (verificationWorker != null) {
            verificationWorker.close();
        }
        engine.close();
    }

    /** Builds a {@link CacheAudit}. */
    public static final class Builder {

        private String application = "application";

        private String instance = defaultInstance();

        private Clock clock = Clock.systemUTC();

        private Ticker ticker = Ticker.system();

        private EngineSettings engine = EngineSettings.DEFAULTS;

        private KeyRedactor.Mode redaction = KeyRedactor.Mode.SHAPE;

        private byte @Nullable [] redactionHashKey;

        private int maxFindings = 1000;

        private boolean defaultDetectors = true;

        private Duration coverageWindow = Detectors.DEFAULT_COVERAGE_WINDOW;

        private @Nullable VerificationSettings verificationSettings;

        private @Nullable VerificationBackend verificationBackend;

        private double hitEventRate = 1.0;

        private final List<Detector> detectors = new ArrayList<>();

        private @Nullable Fleet fleet;

        private boolean foreignWrites;

        private @Nullable SqlParser sqlParser;

        private final Map<String, List<String>> configuredTables = new java.util.LinkedHashMap<>();

        private final List<AuditListener> listeners = new ArrayList<>(List.of(new FindingLogger()));

        private Builder() {}

        private static String defaultInstance() {
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException | SecurityException ex) {
                host = "localhost";
            }
            return host + ":" + ProcessHandle.current().pid();
        }

        public Builder application(String application) {
            this.application = Objects.requireNonNull(application, "application");
            return this;
        }

        public Builder instance(String instance) {
            this.instance = Objects.requireNonNull(instance, "instance");
            return this;
        }

        /** The wall clock of first and last seen and of the report's dates; {@link Clock#systemUTC()} unless set. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The monotonic time events, windows, ticks and the verifier run on; {@link Ticker#system()} unless set. A test
         * moves it by hand instead of sleeping through a grace period.
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        public Builder engine(EngineSettings engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        public Builder redaction(KeyRedactor.Mode redaction) {
            this.redaction = Objects.requireNonNull(redaction, "redaction");
            return this;
        }

        /**
         * The key of the HMAC that hashes key parts in reports, so hashes compare across instances; random per
         * process when not set.
         */
        public Builder redactionHashKey(byte[] hashKey) {
            if (hashKey.length == 0) {
                throw new IllegalArgumentException("redaction hash key must not be empty");
            }
            this.redactionHashKey = hashKey.clone();
            return this;
        }

        public Builder maxFindings(int maxFindings) {
            this.maxFindings = maxFindings;
            return this;
        }

        /** How long after a write (or its commit) an invalidation still covers it. */
        public Builder coverageWindow(Duration coverageWindow) {
            this.coverageWindow = Objects.requireNonNull(coverageWindow, "coverageWindow");
            return this;
        }

        /**
         * Turns verification against the source of truth on.
         *
         * @param settings what to verify, when, and within which budget
         * @param backend reads caches and their source
         * @param hitEventRate the fraction of hits the recording layer hands over as events
         */
        public Builder verification(VerificationSettings settings, VerificationBackend backend, double hitEventRate) {
            this.verificationSettings = Objects.requireNonNull(settings, "settings");
            this.verificationBackend = Objects.requireNonNull(backend, "backend");
            this.hitEventRate = hitEventRate;
            return this;
        }

        /**
         * Turns lineage on: statements handed over as {@link dev.cacheaudit.core.event.SqlStatement} events are parsed
         * with this parser on the engine thread, to learn which tables feed each cache and to judge the writes to them.
         */
        public Builder sqlParser(SqlParser parser) {
            this.sqlParser = Objects.requireNonNull(parser, "parser");
            return this;
        }

        /** {@link #fleet(Fleet, boolean)} without keyspace notifications: no foreign writes on Redis are judged. */
        public Builder fleet(Fleet fleet) {
            return fleet(fleet, false);
        }

        /** Fixes the tables that feed a cache instead of learning them from its loads. */
        public Builder tables(String cache, List<String> tables) {
            configuredTables.put(Objects.requireNonNull(cache, "cache"), List.copyOf(tables));
            return this;
        }

        /** Runs only the detectors added with {@link #detector(Detector)}, none of the built-in ones. */
        public Builder withoutDefaultDetectors() {
            this.defaultDetectors = false;
            return this;
        }

        public Builder detector(Detector detector) {
            detectors.add(Objects.requireNonNull(detector, "detector"));
            return this;
        }

        public Builder detectors(List<? extends Detector> detectors) {
            detectors.forEach(this::detector);
            return this;
        }

        /**
         * Makes this instance a member of a fleet, whose detectors then run with the others (see {@link Detectors}):
         * the writes other instances committed count among the causes of a stale entry, and a change of the database
         * is only taken for a foreign write when no instance made it.
         *
         * @param fleet this instance's membership
         * @param foreignWrites whether Redis keyspace notifications reach the fleet, so that writes by other clients
         *     can be judged
         */
        public Builder fleet(Fleet fleet, boolean foreignWrites) {
            this.fleet = Objects.requireNonNull(fleet, "fleet");
            this.foreignWrites = foreignWrites;
            return this;
        }

        /** Leaves out the default listener, which logs findings; listeners added with {@link #listener} still apply. */
        public Builder withoutFindingLog() {
            listeners.removeIf(FindingLogger.class::isInstance);
            return this;
        }

        /** Adds a listener, told of what the audit sees from its start (see {@link AuditListener}). */
        public Builder listener(AuditListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public CacheAudit build() {
            return new CacheAudit(this);
        }
    }
}
