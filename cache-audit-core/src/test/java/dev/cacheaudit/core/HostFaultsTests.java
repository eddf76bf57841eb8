package dev.cacheaudit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.detect.Detector;
import dev.cacheaudit.core.event.CacheError;
import dev.cacheaudit.core.event.CacheEvict;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.CacheRead;
import dev.cacheaudit.core.event.TxBoundary;
import dev.cacheaudit.core.event.TxState;
import dev.cacheaudit.core.event.VerificationOutcome.Outcome;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.internal.engine.InternalErrors.Where;
import dev.cacheaudit.core.internal.engine.ManualClock;
import dev.cacheaudit.core.verify.CheckTarget;
import dev.cacheaudit.core.verify.Lookup;
import dev.cacheaudit.core.verify.VerificationBackend;
import dev.cacheaudit.core.verify.VerificationSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Keys and values of the host application that misbehave — {@code toString}, {@code hashCode} or {@code equals}
 * throwing any {@code Throwable}, a {@code toString} that recurses without end — cost the event they come with and
 * nothing else: each is counted by where it happened, and the engine and the verifier go on auditing.
 */
class HostFaultsTests {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private CacheAudit audit;

    @AfterEach
    void close() {
        if (audit != null) {
            audit.close();
        }
    }

    /** A key whose methods throw what it is given; an {@code Error} as readily as an exception. */
    static final class HostileKey {

        private final Supplier<? extends Throwable> fault;

        private final boolean inToString;

        private final boolean inHashCode;

        private final boolean inEquals;

        HostileKey(Supplier<? extends Throwable> fault, boolean inToString, boolean inHashCode, boolean inEquals) {
            this.fault = fault;
            this.inToString = inToString;
            this.inHashCode = inHashCode;
            this.inEquals = inEquals;
        }

        @Override
        public String toString() {
            return inToString ? sneaky(fault.get()) : "hostile";
        }

        @Override
        public int hashCode() {
            return inHashCode ? sneaky(fault.get()) : 7;
        }

        @Override
        public boolean equals(Object other) {
            return inEquals ? sneaky(fault.get()) : other == this;
        }

        @SuppressWarnings("unchecked")
        private static <T extends Throwable, R> R sneaky(Throwable fault) throws T {
            throw (T) fault;
        }
    }

    /** A key whose {@code toString} prints the key itself: it recurses until the stack overflows. */
    static final class CyclicKey {

        final List<Object> parts = new ArrayList<>();

        CyclicKey() {
            parts.add(this);
        }

        @Override
        public String toString() {
            return "cyclic" + parts.stream().map(Object::toString).toList();
        }
    }

    /** An error of the host's own making, not one of the VM's. */
    static final class HostError extends Error {
        HostError() {
            super("host error");
        }
    }

    private static List<Object> hostileKeys() {
        List<Supplier<? extends Throwable>> faults = List.of(
                () -> new IllegalStateException("boom"),
                () -> new AssertionError("assertion"),
                HostError::new,
                () -> new NoClassDefFoundError("org/example/Missing"),
                () -> new ExceptionInInitializerError("static init"));
        List<Object> keys = new ArrayList<>();
        for (Supplier<? extends Throwable> fault : faults) {
            keys.add(new HostileKey(fault, true, false, false));
            keys.add(new HostileKey(fault, false, true, false));
            keys.add(new HostileKey(fault, false, false, true));
            keys.add(new HostileKey(fault, true, true, true));
        }
        keys.add(new CyclicKey());
        return keys;
    }

    @Test
    void hostileKeysAreCountedAndTheEngineGoesOnFindingProblems() {
        audit = CacheAudit.builder().withoutFindingLog().build().start();
        List<Object> keys = hostileKeys();
        for (Object key : keys) {
            long now = System.nanoTime();
            audit.submit(new CacheRead("users", key, false, "UserService#find", now));
            audit.submit(new CachePut("users", key, "UserService#find", now, TxState.NONE, now + 1));
            audit.submit(new CacheEvict("users", key, "UserService#rename", TxState.NONE, now + 2));
            audit.submit(new CacheError("users", "evict", key, "java.lang.IllegalStateException", true, "S#m", now));
        }
        assertThat(audit.awaitQuiescence(PATIENCE)).isTrue();

        // Every read, put and evict of a key that cannot be printed fails in the state (one whose hashCode or equals
        // throws is described without the memo where it can be); none of them kills the engine.
        long unprintable = keys.stream()
                .filter(key -> !(key instanceof HostileKey hostile) || hostile.inToString)
                .count();
        assertThat(audit.engine().errors().count(Where.STATE)).isGreaterThanOrEqualTo(unprintable * 3);
        assertThat(audit.engine().errors().count(Where.ENGINE_THREAD)).isZero();
        assertThat(audit.engine().internalErrors())
                .isEqualTo(audit.engine().errors().count(Where.STATE)
                        + audit.engine().errors().count(Where.DETECTOR));

        // Auditing resumes: a swallowed eviction of a well-behaved key right after is still found.
        audit.submit(new CacheError(
                "orders", "evict", 42L, "java.lang.IllegalStateException", true, "S#m", System.nanoTime()));
        assertThat(audit.awaitQuiescence(PATIENCE)).isTrue();
        assertThat(audit.findings().findings())
                .anySatisfy(f -> assertThat(f.kind()).isEqualTo(FindingKind.EVICTION_FAILED))
                .anySatisfy(f -> assertThat(f.cache()).isEqualTo("orders"));
        assertThat(audit.engine().processedEvents()).isEqualTo(keys.size() * 4L + 1);
    }

    @Test
    void wellBehavedKeysCountNoInternalError() {
        audit = CacheAudit.builder().withoutFindingLog().build().start();
        for (long id = 0; id < 50; id++) {
            long now = System.nanoTime();
            audit.submit(new CacheRead("users", id, false, "UserService#find", now));
            audit.submit(new CachePut("users", id, "UserService#find", now, TxState.NONE, now + 1));
            audit.submit(new CacheEvict("users", id, "UserService#rename", TxState.NONE, now + 2));
        }
        assertThat(audit.awaitQuiescence(PATIENCE)).isTrue();

        assertThat(audit.engine().internalErrors()).isZero();
        assertThat(audit.engine().processedEvents()).isEqualTo(150);
    }

    @Test
    void aDeadAnalysisThreadIsReplacedAndCounted() {
        Detector lethal = (event, state, findings) -> {
            if (event instanceof TxBoundary boundary && boundary.txId() == 13) {
                // An Error of the VM itself is not caught by the engine: the thread dies of it.
                throw new InternalError("simulated VM failure");
            }
        };
        List<Long> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Detector recorder = (event, state, findings) -> {
            if (event instanceof TxBoundary boundary) {
                seen.add(boundary.txId());
            }
        };
        audit = CacheAudit.builder()
                .withoutFindingLog()
                .withoutDefaultDetectors()
                .detector(lethal)
                .detector(recorder)
                .build()
                .start();
        for (long tx = 10; tx < 16; tx++) {
            audit.submit(new TxBoundary(tx, TxBoundary.Outcome.COMMITTED, tx));
        }
        assertThat(audit.awaitQuiescence(PATIENCE)).isTrue();

        assertThat(audit.engine().errors().count(Where.ENGINE_THREAD)).isEqualTo(1);
        assertThat(seen).containsExactly(10L, 11L, 12L, 14L, 15L);
        assertThat(audit.engine().processedEvents()).isEqualTo(6);

        // And the new thread goes on after the first is gone.
        audit.submit(new TxBoundary(16, TxBoundary.Outcome.COMMITTED, 16));
        assertThat(audit.awaitQuiescence(PATIENCE)).isTrue();
        assertThat(seen).endsWith(16L);
    }

    @Test
    void verifierSurvivesLoadersAndValuesThatThrowErrorsAndStillFindsStaleEntries() throws Exception {
        Map<Object, Object> cache = new ConcurrentHashMap<>();
        Map<Object, Object> source = new ConcurrentHashMap<>();
        AtomicReference<Throwable> sourceFault = new AtomicReference<>();
        VerificationBackend backend = new VerificationBackend() {
            @Override
            public Lookup cached(CheckTarget target) {
                Object value = cache.get(target.printedKey());
                return value != null ? Lookup.of(value) : Lookup.ABSENT;
            }

            @Override
            public Lookup source(CheckTarget target) {
                Throwable fault = sourceFault.get();
                if (fault != null && target.printedKey().equals("1")) {
                    return HostileKey.sneaky(fault);
                }
                Object value = source.get(target.printedKey());
                return value != null ? Lookup.of(value) : Lookup.ABSENT;
            }

            @Override
            public boolean canVerify(CheckTarget target) {
                return true;
            }
        };
        VerificationSettings settings = new VerificationSettings(
                1.0, 1000, Duration.ofMillis(100), List.of(Duration.ofMillis(50)), 10_000, Map.of());
        ManualClock clock = new ManualClock();
        audit = CacheAudit.builder()
                .withoutFindingLog()
                .withoutDefaultDetectors()
                .ticker(clock)
                .verification(settings, backend, 1.0)
                .build()
                .start();
        sourceFault.set(new HostError());
        cache.put("1", "cached");
        source.put("1", "source");
        cache.put("2", new HostileValue());
        source.put("2", new HostileValue());
        cache.put("3", "old");
        source.put("3", "new");

        for (String key : List.of("1", "2", "3")) {
            audit.submit(new CacheRead("items", key, true, "ItemService#find", clock.nanoTime()));
        }
        // Each sampled hit is checked once at once: the faulty two are inconclusive, the third is stale.
        assertThat(awaitVerifier(() -> audit.verificationStats().count("items", Outcome.INCONCLUSIVE)
                                + audit.verificationStats().count("items", Outcome.STALE)
                        == 3))
                .isTrue();
        // The grace period passes; the recheck confirms the stale entry.
        clock.advance(Duration.ofMillis(100));
        assertThat(awaitVerifier(
                        () -> audit.findings().findings().stream().anyMatch(f -> f.kind() == FindingKind.STALE_READ)))
                .isTrue();

        assertThat(audit.findings().findings())
                .filteredOn(f -> f.kind() == FindingKind.STALE_READ)
                .singleElement()
                .satisfies(f -> assertThat(f.cache()).isEqualTo("items"));
        assertThat(audit.engine().errors().count(Where.VERIFIER)).isGreaterThanOrEqualTo(1);
        assertThat(audit.verificationStats().count("items", Outcome.INCONCLUSIVE))
                .isGreaterThanOrEqualTo(1);
        assertThat(audit.verifierThread().isAlive()).isTrue();
    }

    private boolean awaitVerifier(BooleanSupplier condition) {
        return AuditPolling.until(audit, PATIENCE, condition);
    }

    /** A cached value whose {@code equals} and {@code hashCode} throw an {@code Error}, as a broken entity might. */
    static final class HostileValue {

        @Override
        public boolean equals(Object other) {
            throw new HostError();
        }

        @Override
        public int hashCode() {
            throw new HostError();
        }

        @Override
        public String toString() {
            throw new HostError();
        }
    }

    @Test
    void internalErrorsAreCountedByWhereTheyHappened() {
        audit = CacheAudit.builder().withoutFindingLog().build().start();
        audit.recordingFailed("a cache operation", new HostError());
        audit.recordingFailed("a cache operation", new IllegalStateException());
        audit.recordingFailed("a Redis command", new IllegalStateException());

        assertThat(audit.engine().errors().count(Where.RECORDING)).isEqualTo(3);
        assertThat(audit.engine().errors().count(Where.STATE)).isZero();
        assertThat(audit.engine().internalErrors()).isEqualTo(3);
        assertThat(Set.of(Where.values()))
                .extracting(Where::tag)
                .containsExactlyInAnyOrder("recording", "state", "detector", "listener", "verifier", "engine-thread");
    }

    @Test
    void theFirstFaultOfEachKindIsLoggedAtWarnSayingWhatStopsWorkingAndNeverItsMessage() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger(dev.cacheaudit.core.internal.engine.InternalErrors.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            dev.cacheaudit.core.internal.engine.InternalErrors errors =
                    new dev.cacheaudit.core.internal.engine.InternalErrors();
            for (int i = 0; i < 5; i++) {
                errors.record(
                        Where.RECORDING,
                        "a cache operation",
                        "such operations are missing from the audit",
                        new IllegalStateException("secret-key-4711"));
            }
            errors.record(
                    Where.RECORDING,
                    "a cache operation",
                    "such operations are missing from the audit",
                    new HostError());
            errors.record(Where.RECORDING, "a Redis command", "such commands are missing", new HostError());

            List<ch.qos.logback.classic.spi.ILoggingEvent> warnings = appender.list.stream()
                    .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                    .toList();
            assertThat(warnings).hasSize(3);
            assertThat(warnings.get(0).getFormattedMessage())
                    .contains("a cache operation", "IllegalStateException", "missing from the audit", "where=recording")
                    .doesNotContain("secret-key-4711");
            assertThat(warnings)
                    .allSatisfy(w -> assertThat(w.getThrowableProxy()).isNull());
            assertThat(errors.count(Where.RECORDING)).isEqualTo(7);
        } finally {
            logger.detachAppender(appender);
        }
    }
}
