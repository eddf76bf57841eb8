package dev.cacheaudit.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.EngineSettings;
import dev.cacheaudit.core.StateLimits;
import dev.cacheaudit.core.detect.Detector;
import dev.cacheaudit.core.detect.FindingSink;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.CacheRead;
import dev.cacheaudit.core.event.TxBoundary;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.FindingStore;
import dev.cacheaudit.core.finding.Observation;
import dev.cacheaudit.core.internal.state.AuditState;
import dev.cacheaudit.core.internal.state.AuditView;
import dev.cacheaudit.core.keys.KeyDecomposer;
import dev.cacheaudit.core.listen.AuditListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AuditEngineTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static AuditEngine engine(EngineSettings settings, List<Detector> detectors) {
        return engine(settings, detectors, observation -> {});
    }

    private static AuditEngine engine(
            EngineSettings settings, List<Detector> detectors, java.util.function.Consumer<Observation> onObservation) {
        return new AuditEngine(
                settings,
                new AuditState(settings.limits(), settings.decomposer()),
                detectors,
                new FindingStore(100, Clock.systemUTC()),
                new AuditListener() {
                    @Override
                    public void onObservation(Observation observation) {
                        onObservation.accept(observation);
                    }
                });
    }

    private static EngineSettings settings(int queueCapacity, Duration tick) {
        return new EngineSettings(queueCapacity, tick, StateLimits.DEFAULTS, KeyDecomposer.NONE);
    }

    private static TxBoundary event(long id) {
        return new TxBoundary(id, TxBoundary.Outcome.COMMITTED, id);
    }

    /** Counts events on the engine thread. */
    static final class CountingDetector implements Detector {

        final AtomicLong seen = new AtomicLong();

        @Override
        public void on(CacheEvent event, AuditView state, FindingSink findings) {
            seen.incrementAndGet();
        }
    }

    /** Blocks on the first event until released. */
    static final class BlockingDetector implements Detector {

        final CountDownLatch entered = new CountDownLatch(1);

        final CountDownLatch release = new CountDownLatch(1);

        final AtomicLong completed = new AtomicLong();

        @Override
        public void on(CacheEvent event, AuditView state, FindingSink findings) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            completed.incrementAndGet();
        }
    }

    @Test
    void everyAcceptedEventIsProcessedExactlyOnceUnderConcurrentSubmission() throws Exception {
        int producers = 4;
        int perProducer = 25_000;
        AtomicIntegerArray timesSeen = new AtomicIntegerArray(producers * perProducer);
        Detector recording = (event, state, findings) -> timesSeen.incrementAndGet((int) ((TxBoundary) event).txId());
        CountingDetector counting = new CountingDetector();
        boolean[][] accepted = new boolean[producers][perProducer];

        try (AuditEngine engine = engine(EngineSettings.DEFAULTS, List.of(recording, counting))) {
            engine.start();
            ExecutorService pool = Executors.newFixedThreadPool(producers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            try {
                for (int p = 0; p < producers; p++) {
                    int producer = p;
                    done.add(pool.submit(() -> {
                        go.await();
                        for (int i = 0; i < perProducer; i++) {
                            accepted[producer][i] = engine.submit(event((long) producer * perProducer + i));
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : done) {
                    f.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(engine.awaitQuiescence(PATIENCE)).isTrue();

            long acceptedCount = 0;
            for (int p = 0; p < producers; p++) {
                for (int i = 0; i < perProducer; i++) {
                    int expected = accepted[p][i] ? 1 : 0;
                    acceptedCount += expected;
                    assertThat(timesSeen.get(p * perProducer + i))
                            .as("times event %d of producer %d was seen", i, p)
                            .isEqualTo(expected);
                }
            }
            assertThat(acceptedCount).isPositive();
            assertThat(engine.processedEvents() + engine.droppedEvents()).isEqualTo((long) producers * perProducer);
            assertThat(engine.processedEvents()).isEqualTo(acceptedCount);
            assertThat(counting.seen).hasValue(acceptedCount);
            assertThat(engine.queued()).isZero();
        }
    }

    @Test
    void submissionsBeyondCapacityAreDroppedWithoutBlockingWhileTheEngineIsBusy() throws Exception {
        BlockingDetector blocking = new BlockingDetector();
        try (AuditEngine engine = engine(settings(4, Duration.ofSeconds(1)), List.of(blocking))) {
            engine.start();
            assertThat(engine.submit(event(0))).isTrue();
            assertThat(blocking.entered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .isTrue();

            // The engine holds event 0 and cannot take another until the detector is released, so these submits
            // can only complete by not waiting for it.
            List<Boolean> results = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                results.add(engine.submit(event(i)));
            }

            assertThat(blocking.release.getCount()).isEqualTo(1);
            assertThat(blocking.completed).hasValue(0);
            assertThat(results).containsExactly(true, true, true, false, false, false, false, false, false, false);
            assertThat(engine.droppedEvents()).isEqualTo(7);
            assertThat(engine.queued()).isEqualTo(4);
            assertThat(engine.queueCapacity()).isEqualTo(4);

            blocking.release.countDown();

            assertThat(engine.awaitQuiescence(PATIENCE)).isTrue();
            assertThat(engine.processedEvents()).isEqualTo(4);
            assertThat(blocking.completed).hasValue(4);
            assertThat(engine.droppedEvents()).isEqualTo(7);
        }
    }

    @Test
    void aDetectorThatThrowsIsCountedAndTheOthersStillSeeTheEvent() {
        Detector failing = (event, state, findings) -> {
            throw new IllegalStateException("detector bug");
        };
        CountingDetector counting = new CountingDetector();

        try (AuditEngine engine = engine(EngineSettings.DEFAULTS, List.of(failing, counting))) {
            engine.start();
            for (int i = 0; i < 3; i++) {
                engine.submit(event(i));
            }

            assertThat(engine.awaitQuiescence(PATIENCE)).isTrue();
            assertThat(engine.internalErrors()).isEqualTo(3);
            assertThat(counting.seen).hasValue(3);
            assertThat(engine.processedEvents()).isEqualTo(3);
        }
    }

    @Test
    void aKeyWhoseToStringThrowsIsCountedAndTheEngineCarriesOn() {
        Object badKey = new Object() {
            @Override
            public String toString() {
                throw new UnsupportedOperationException("no toString");
            }
        };
        CountingDetector counting = new CountingDetector();

        try (AuditEngine engine = engine(EngineSettings.DEFAULTS, List.of(counting))) {
            engine.start();
            engine.submit(new CacheRead("users", badKey, false, null, 1));
            engine.submit(new CacheRead("users", 1L, false, null, 2));

            assertThat(engine.awaitQuiescence(PATIENCE)).isTrue();
            assertThat(engine.internalErrors()).isEqualTo(1);
            assertThat(engine.processedEvents()).isEqualTo(2);
            // The state failed on the bad key, so detectors saw only the good one.
            assertThat(counting.seen).hasValue(1);
        }
    }

    @Test
    void aDetectorThatThrowsAnErrorDoesNotStopTheEngine() {
        Detector failing = (event, state, findings) -> {
            if (((TxBoundary) event).txId() == 0) {
                throw new AssertionError("detector assertion");
            }
        };
        CountingDetector counting = new CountingDetector();

        try (AuditEngine engine = engine(EngineSettings.DEFAULTS, List.of(failing, counting))) {
            engine.start();
            engine.submit(event(0));
            engine.submit(event(1));

            assertThat(engine.awaitQuiescence(Duration.ofSeconds(2))).isTrue();
            assertThat(engine.internalErrors()).isEqualTo(1);
            assertThat(counting.seen).hasValue(2);
        }
    }

    @Test
    void observationsReachTheFindingStoreAndTheListener() {
        List<Observation> heard = new CopyOnWriteArrayList<>();
        Detector reporting = (event, state, findings) -> findings.report(new Observation(
                FindingKind.FULL_CLEAR, "users", "clear", "A clear", null, null, List.of("S#m"), Map.of()));

        try (AuditEngine engine = engine(EngineSettings.DEFAULTS, List.of(reporting), heard::add)) {
            engine.start();
            engine.submit(event(1));
            engine.submit(event(2));

            assertThat(engine.awaitQuiescence(PATIENCE)).isTrue();
            assertThat(heard).hasSize(2);
            assertThat(engine.findings().findings()).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(FindingKind.FULL_CLEAR);
                assertThat(f.count()).isEqualTo(2);
            });
        }
    }

    @Test
    void detectorsAreTickedWithTheEngineState() throws Exception {
        CountDownLatch ticks = new CountDownLatch(3);
        AtomicReference<AuditView> seenState = new AtomicReference<>();
        Detector ticking = new Detector() {
            @Override
            public void on(CacheEvent event, AuditView state, FindingSink findings) {}

            @Override
            public void onTick(long nowNanos, AuditView state, FindingSink findings) {
                seenState.set(state);
                ticks.countDown();
            }
        };

        try (AuditEngine engine = engine(settings(16, Duration.ofMillis(5)), List.of(ticking))) {
            engine.start();

            assertThat(ticks.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(seenState.get()).isSameAs(engine.state());
        }
    }

    @Test
    void theEngineTicksOnItsTickerAndHandsOutItsTime() throws Exception {
        ManualClock clock = new ManualClock();
        List<Long> ticks = new CopyOnWriteArrayList<>();
        CountDownLatch ticked = new CountDownLatch(1);
        Detector ticking = new Detector() {
            @Override
            public void on(CacheEvent event, AuditView state, FindingSink findings) {}

            @Override
            public void onTick(long nowNanos, AuditView state, FindingSink findings) {
                ticks.add(nowNanos);
                ticked.countDown();
            }
        };
        EngineSettings settings = settings(16, Duration.ofSeconds(1));
        try (AuditEngine engine = new AuditEngine(
                settings,
                new AuditState(settings.limits(), settings.decomposer()),
                List.of(ticking),
                new FindingStore(100, clock),
                new AuditListener() {},
                new InternalErrors(),
                clock)) {
            engine.start();
            // An event analysed shows the analysis loop runs, and has read the time its first tick is due from.
            engine.submit(new CacheRead("users", 1L, true, null, clock.nanoTime()));
            assertThat(engine.awaitQuiescence(PATIENCE)).isTrue();
            long started = clock.nanoTime();
            // The engine has seen its time stand still: no tick is due whatever the real time that passes.
            assertThat(engine.coarseNanos()).isEqualTo(started);
            assertThat(ticks).isEmpty();

            clock.advance(Duration.ofSeconds(1));

            assertThat(ticked.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(ticks.get(0)).isEqualTo(started + Duration.ofSeconds(1).toNanos());
            assertThat(engine.coarseNanos()).isEqualTo(clock.nanoTime());
        }
    }

    @Test
    void closeAnalysesWhatIsQueuedFirst() {
        CountingDetector counting = new CountingDetector();
        AuditEngine engine = engine(settings(1_000, Duration.ofSeconds(1)), List.of(counting));
        for (int i = 0; i < 500; i++) {
            assertThat(engine.submit(event(i))).isTrue();
        }

        engine.start();
        engine.close();

        assertThat(counting.seen).hasValue(500);
        assertThat(engine.processedEvents()).isEqualTo(500);
        assertThat(engine.queued()).isZero();
    }

    @Test
    void quiescenceIsNotReachedWhenTheEngineWasNeverStarted() {
        AuditEngine engine = engine(settings(8, Duration.ofSeconds(1)), List.of());
        assertThat(engine.awaitQuiescence(PATIENCE)).isTrue();

        engine.submit(event(1));

        assertThat(engine.awaitQuiescence(PATIENCE)).isFalse();
        assertThat(engine.queued()).isEqualTo(1);
        assertThat(engine.processedEvents()).isZero();
    }

    @Test
    void settingsRejectNonsense() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> settings(0, Duration.ofSeconds(1)))
                .withMessageContaining("queueCapacity");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> settings(1, Duration.ZERO))
                .withMessageContaining("tickInterval");
        KeyDecomposer decomposer = key -> List.of();
        assertThat(EngineSettings.DEFAULTS.withDecomposer(decomposer).decomposer())
                .isSameAs(decomposer);
    }
}
