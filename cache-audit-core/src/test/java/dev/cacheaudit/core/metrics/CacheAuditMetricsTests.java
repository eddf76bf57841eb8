package dev.cacheaudit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.CacheCounters;
import dev.cacheaudit.core.detect.Detector;
import dev.cacheaudit.core.event.CacheClear;
import dev.cacheaudit.core.event.SourceWrite;
import dev.cacheaudit.core.event.TxState;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Observation;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheAuditMetricsTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** Reports a full clear for every clear it sees. */
    private static final Detector CLEARS = (event, state, findings) -> {
        if (event instanceof CacheClear clear) {
            findings.report(new Observation(
                    FindingKind.FULL_CLEAR, clear.cache(), "clear", "Cleared", null, null, List.of("S#m"), Map.of()));
        }
    };

    private static CacheAudit audit() {
        return CacheAudit.builder()
                .withoutDefaultDetectors()
                .application("shop")
                .instance("test:1")
                .withoutFindingLog()
                .detector(CLEARS)
                .build()
                .start();
    }

    private static double operations(SimpleMeterRegistry registry, String cache, String result) {
        return registry.get(MeterNames.OPERATIONS)
                .tags(MeterNames.TAG_CACHE, cache, MeterNames.TAG_RESULT, result)
                .functionCounter()
                .count();
    }

    @Test
    void operationCountersOfEachCacheAreMeteredByResult() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (CacheAudit audit = audit()) {
            CacheCounters users = audit.counters("users");
            new CacheAuditMetrics(audit).bindTo(registry);
            // A cache that appears after binding is metered too.
            CacheCounters orders = audit.counters("orders");

            users.hit();
            users.hit();
            users.miss();
            users.put();
            users.eviction();
            users.error();
            orders.clear();

            assertThat(operations(registry, "users", "hit")).isEqualTo(2);
            assertThat(operations(registry, "users", "miss")).isEqualTo(1);
            assertThat(operations(registry, "users", "put")).isEqualTo(1);
            assertThat(operations(registry, "users", "evict")).isEqualTo(1);
            assertThat(operations(registry, "users", "clear")).isZero();
            assertThat(operations(registry, "users", "error")).isEqualTo(1);
            assertThat(operations(registry, "orders", "clear")).isEqualTo(1);
            assertThat(registry.get(MeterNames.OPERATIONS).meters()).hasSize(12);
        }
    }

    @Test
    void observationsAreCountedByKindSeverityAndCache() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (CacheAudit audit = audit()) {
            new CacheAuditMetrics(audit).bindTo(registry);

            audit.submit(new CacheClear("users", null, TxState.NONE, 1));
            audit.submit(new CacheClear("users", null, TxState.NONE, 2));
            audit.submit(new CacheClear("orders", null, TxState.NONE, 3));
            assertThat(audit.awaitQuiescence(PATIENCE)).isTrue();

            assertThat(registry.get(MeterNames.FINDINGS)
                            .tags(
                                    MeterNames.TAG_KIND, "FULL_CLEAR",
                                    MeterNames.TAG_SEVERITY, "WARN",
                                    MeterNames.TAG_CACHE, "users")
                            .counter()
                            .count())
                    .isEqualTo(2);
            assertThat(registry.get(MeterNames.FINDINGS)
                            .tag(MeterNames.TAG_CACHE, "orders")
                            .counter()
                            .count())
                    .isEqualTo(1);
        }
    }

    @Test
    void engineAndStoreHealthIsMetered() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (CacheAudit audit = audit()) {
            new CacheAuditMetrics(audit).bindTo(registry);
            audit.submit(new SourceWrite("shop.User", 1L, SourceWrite.Kind.SAVE, "UserService#save", TxState.NONE, 1));
            audit.submit(new SourceWrite("shop.User", null, SourceWrite.Kind.BULK, "UserJob#run", TxState.NONE, 2));
            assertThat(audit.awaitQuiescence(PATIENCE)).isTrue();

            assertThat(registry.get(MeterNames.EVENTS_DROPPED).functionCounter().count())
                    .isZero();
            assertThat(registry.get(MeterNames.INTERNAL_ERRORS)
                            .functionCounter()
                            .count())
                    .isZero();
            assertThat(registry.get(MeterNames.FINDINGS_DROPPED)
                            .functionCounter()
                            .count())
                    .isZero();
            assertThat(registry.get(MeterNames.EVENTS_QUEUED).gauge().value()).isZero();
            assertThat(audit.sourceWrites()).isEqualTo(2);
            assertThat(registry.find(MeterNames.WRITES).functionCounters())
                    .extracting(counter -> counter.getId().getTag(MeterNames.TAG_OUTCOME))
                    .containsExactlyInAnyOrder("covered", "uncovered", "unheld");
            assertThat(registry.find(MeterNames.STATE_FORGOTTEN).functionCounter())
                    .isNotNull();
            assertThat(registry.get(MeterNames.STATE_SIZE).gauge().getId().getBaseUnit())
                    .isEqualTo("bytes");
        }
    }

    @Test
    void noMeterCarriesAKeyAsATag() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (CacheAudit audit = audit()) {
            new CacheAuditMetrics(audit).bindTo(registry);
            audit.counters("users").hit();
            audit.submit(new CacheClear("users", null, TxState.NONE, 1));
            assertThat(audit.awaitQuiescence(PATIENCE)).isTrue();

            for (Meter meter : registry.getMeters()) {
                assertThat(meter.getId().getTags()).allSatisfy(tag -> assertThat(tag.getKey())
                        .isIn(
                                MeterNames.TAG_CACHE,
                                MeterNames.TAG_KIND,
                                MeterNames.TAG_SEVERITY,
                                MeterNames.TAG_WHERE,
                                MeterNames.TAG_RESULT,
                                MeterNames.TAG_OUTCOME));
            }
        }
    }

    @Test
    void findingCountersOfEveryKindStartAtZeroWhenACacheAppears() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (CacheAudit audit = audit()) {
            new CacheAuditMetrics(audit).bindTo(registry);
            audit.counters("carts");

            assertThat(registry.find(MeterNames.FINDINGS)
                            .tag(MeterNames.TAG_CACHE, "carts")
                            .counters())
                    .hasSize(FindingKind.values().length)
                    .allSatisfy(counter -> assertThat(counter.count()).isZero());
            assertThat(registry.get(MeterNames.FINDINGS)
                            .tags(MeterNames.TAG_KIND, "KEY_MISMATCH", MeterNames.TAG_CACHE, "carts")
                            .counter()
                            .getId()
                            .getTag(MeterNames.TAG_SEVERITY))
                    .isEqualTo("ERROR");
        }
    }

    @Test
    void activeFindingsAreAGaugeOfDistinctFindingsHeldNow() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (CacheAudit audit = audit()) {
            new CacheAuditMetrics(audit).bindTo(registry);
            assertThat(registry.find(MeterNames.FINDINGS_ACTIVE).gauges()).isEmpty();

            audit.submit(new CacheClear("users", null, TxState.NONE, 1));
            audit.submit(new CacheClear("users", null, TxState.NONE, 2));
            assertThat(audit.awaitQuiescence(PATIENCE)).isTrue();

            io.micrometer.core.instrument.Gauge active = registry.get(MeterNames.FINDINGS_ACTIVE)
                    .tags(
                            MeterNames.TAG_KIND, "FULL_CLEAR",
                            MeterNames.TAG_SEVERITY, "WARN",
                            MeterNames.TAG_CACHE, "users")
                    .gauge();
            // Two sightings of one problem: one active finding.
            assertThat(active.value()).isEqualTo(1);
            audit.findings().clear();
            assertThat(active.value()).isZero();
        }
    }

    @Test
    void theCacheTagIsBoundedSoCachesBeyondTheLimitShareOne() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (CacheAudit audit = audit()) {
            new CacheAuditMetrics(audit, new MeterSettings(2, false)).bindTo(registry);
            audit.counters("a");
            audit.counters("b");
            audit.counters("c");
            audit.submit(new CacheClear("c", null, TxState.NONE, 1));
            audit.submit(new CacheClear("d", null, TxState.NONE, 2));
            assertThat(audit.awaitQuiescence(PATIENCE)).isTrue();

            assertThat(registry.getMeters())
                    .extracting(meter -> meter.getId().getTag(MeterNames.TAG_CACHE))
                    .filteredOn(java.util.Objects::nonNull)
                    .containsOnly("a", "b", MeterNames.OTHER_CACHES);
            assertThat(registry.get(MeterNames.FINDINGS)
                            .tags(MeterNames.TAG_KIND, "FULL_CLEAR", MeterNames.TAG_CACHE, MeterNames.OTHER_CACHES)
                            .counter()
                            .count())
                    .isEqualTo(2);
        }
    }

    @Test
    void percentileHistogramsAreOptIn() {
        for (boolean histograms : new boolean[] {false, true}) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            Map<String, Boolean> histogramByMeter = new java.util.concurrent.ConcurrentHashMap<>();
            registry.config().meterFilter(new io.micrometer.core.instrument.config.MeterFilter() {
                @Override
                public io.micrometer.core.instrument.distribution.DistributionStatisticConfig configure(
                        Meter.Id id, io.micrometer.core.instrument.distribution.DistributionStatisticConfig config) {
                    histogramByMeter.put(id.getName(), Boolean.TRUE.equals(config.isPercentileHistogram()));
                    return config;
                }
            });
            try (CacheAudit audit = audit()) {
                new CacheAuditMetrics(audit, new MeterSettings(10, histograms)).bindTo(registry);
                assertThat(histogramByMeter)
                        .as("percentile histograms with histograms=%s", histograms)
                        .containsEntry(MeterNames.EVICTION_DURATION, histograms);
            }
        }
    }
}
