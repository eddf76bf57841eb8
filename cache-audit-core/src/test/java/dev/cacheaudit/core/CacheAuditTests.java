package dev.cacheaudit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.detect.Detector;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.CacheEvict;
import dev.cacheaudit.core.event.CacheRead;
import dev.cacheaudit.core.event.CacheRegistered;
import dev.cacheaudit.core.event.TxState;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Observation;
import dev.cacheaudit.core.finding.Severity;
import dev.cacheaudit.core.internal.engine.InternalErrors;
import dev.cacheaudit.core.keys.KeyRedactor;
import dev.cacheaudit.core.listen.AuditListener;
import dev.cacheaudit.core.report.AuditReport;
import dev.cacheaudit.core.report.CacheReport;
import dev.cacheaudit.core.report.ReportReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheAuditTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    /** Reports an eviction whose key type differs from the type of the last read of the same cache. */
    static final class EvictTypeDetector implements Detector {

        private String lastReadType = "";

        @Override
        public void on(
                dev.cacheaudit.core.event.CacheEvent event,
                dev.cacheaudit.core.internal.state.AuditView state,
                dev.cacheaudit.core.detect.FindingSink findings) {
            if (event instanceof CacheRead read) {
                lastReadType = state.describe(read.key()).type();
            } else if (event instanceof CacheEvict evict) {
                String type = state.describe(evict.key()).type();
                if (!type.equals(lastReadType)) {
                    findings.report(new Observation(
                            FindingKind.KEY_TYPE_MISMATCH,
                            evict.cache(),
                            lastReadType + "|" + type,
                            "Reads use " + lastReadType + " keys, evictions " + type + " keys",
                            null,
                            "evicted",
                            evict.site() == null ? List.of() : List.of(evict.site()),
                            Map.of("readType", lastReadType, "evictType", type)));
                }
            }
        }
    }

    private static CacheAudit audit() {
        return CacheAudit.builder()
                .withoutDefaultDetectors()
                .application("shop")
                .instance("host:1")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .withoutFindingLog()
                .detector(new EvictTypeDetector())
                .build()
                .start();
    }

    @Test
    void theReportHasARowPerCacheWithItsCountsAndTheFindings() {
        try (CacheAudit audit = audit()) {
            audit.submit(new CacheRegistered("users", "redis", false, CacheRegistered.KeyComparison.SERIALIZED, 0));
            audit.counters("users").miss();
            audit.counters("users").put();
            audit.counters("users").hit();
            audit.counters("users").hit();
            audit.counters("users").eviction();
            audit.counters("orders").clear();

            audit.submit(new CacheRead("users", 42L, false, "UserService#find", 1));
            audit.submit(new CacheEvict("users", "42", "UserService#update", TxState.NONE, 2));
            audit.submit(new CacheEvict("users", "43", "UserService#rename", TxState.NONE, 3));

            AuditReport report = audit.report();

            assertThat(report.schema()).isEqualTo(AuditReport.SCHEMA);
            assertThat(report.application()).isEqualTo("shop");
            assertThat(report.instance()).isEqualTo("host:1");
            assertThat(report.startedAt()).isEqualTo(NOW);
            assertThat(report.generatedAt()).isEqualTo(NOW);
            assertThat(report.droppedEvents()).isZero();
            assertThat(report.caches())
                    .containsExactly(
                            new CacheReport("orders", "unknown", 0, 0, 0, 0, 0, 1, null),
                            new CacheReport("users", "redis", 3, 2, 1, 1, 1, 0, null));
            assertThat(report.findings()).singleElement().satisfies(finding -> {
                assertThat(finding.kind()).isEqualTo(FindingKind.KEY_TYPE_MISMATCH);
                assertThat(finding.severity()).isEqualTo(Severity.ERROR);
                assertThat(finding.cache()).isEqualTo("users");
                assertThat(finding.signature()).isEqualTo("Long|String");
                assertThat(finding.count()).isEqualTo(2);
                assertThat(finding.sites()).containsExactly("UserService#update", "UserService#rename");
                assertThat(finding.evidence()).containsEntry("evictType", "String");
            });
        }
    }

    @Test
    void listenersHearEveryObservation() {
        List<Observation> heard = new CopyOnWriteArrayList<>();
        try (CacheAudit audit = audit()) {
            audit.addListener(new AuditListener() {
                @Override
                public void onObservation(Observation observation) {
                    heard.add(observation);
                }
            });
            audit.submit(new CacheRead("users", 1L, false, null, 1));
            audit.submit(new CacheEvict("users", "1", null, TxState.NONE, 2));
            audit.submit(new CacheEvict("users", "1", null, TxState.NONE, 3));

            assertThat(audit.awaitQuiescence(PATIENCE)).isTrue();
            assertThat(heard).hasSize(2).allSatisfy(o -> assertThat(o.kind()).isEqualTo(FindingKind.KEY_TYPE_MISMATCH));
            assertThat(audit.findings().findings()).extracting(Finding::count).containsExactly(2L);
        }
    }

    @Test
    void listenersAddedOnTheBuilderAreToldOfNewFindings() {
        List<Finding> told = new CopyOnWriteArrayList<>();
        try (CacheAudit audit = CacheAudit.builder()
                .withoutDefaultDetectors()
                .withoutFindingLog()
                .listener(new AuditListener() {
                    @Override
                    public void onFinding(Finding finding, boolean first) {
                        told.add(finding);
                    }
                })
                .detector(new EvictTypeDetector())
                .build()
                .start()) {
            audit.submit(new CacheRead("users", 1L, false, null, 1));
            audit.submit(new CacheEvict("users", "1", null, TxState.NONE, 2));

            assertThat(audit.awaitQuiescence(PATIENCE)).isTrue();
            assertThat(told).extracting(Finding::kind).containsExactly(FindingKind.KEY_TYPE_MISMATCH);
        }
    }

    @Test
    void aListenerAddedLateIsFirstToldOfTheCachesAlreadyTrackedThenOfNewOnes() {
        List<String> tracked = new CopyOnWriteArrayList<>();
        try (CacheAudit audit = audit()) {
            audit.counters("users");
            audit.addListener(new AuditListener() {
                @Override
                public void onCacheTracked(String cache, dev.cacheaudit.core.CacheCounters counters) {
                    tracked.add(cache);
                }
            });
            assertThat(tracked).containsExactly("users");

            audit.counters("orders");
            audit.counters("users");

            assertThat(tracked).containsExactly("users", "orders");
        }
    }

    private static AuditListener hearing(List<CacheEvent> heard) {
        return new AuditListener() {
            @Override
            public void onEvent(CacheEvent event) {
                heard.add(event);
            }
        };
    }

    @Test
    void aListenerThatThrowsIsCountedAndTheOthersStillHearEveryEvent() {
        List<CacheEvent> heard = new CopyOnWriteArrayList<>();
        try (CacheAudit audit = audit()) {
            audit.addListener(new AuditListener() {
                @Override
                public void onEvent(CacheEvent event) {
                    throw new IllegalStateException("a listener's own bug");
                }
            });
            audit.addListener(hearing(heard));
            audit.submit(new CacheRead("users", 1L, false, null, 1));
            audit.submit(new CacheEvict("users", "1", null, TxState.NONE, 2));

            assertThat(audit.awaitQuiescence(PATIENCE)).isTrue();
            assertThat(heard).hasSize(2);
            assertThat(audit.engine().errors().count(InternalErrors.Where.LISTENER))
                    .isEqualTo(2);
            assertThat(audit.findings().findings())
                    .extracting(Finding::kind)
                    .containsExactly(FindingKind.KEY_TYPE_MISMATCH);
        }
    }

    @Test
    void listenersThatDoNotThrowCountNoInternalError() {
        List<CacheEvent> heard = new CopyOnWriteArrayList<>();
        try (CacheAudit audit = audit()) {
            audit.addListener(hearing(heard));
            audit.submit(new CacheRead("users", 1L, false, null, 1));

            assertThat(audit.awaitQuiescence(PATIENCE)).isTrue();
            assertThat(heard).hasSize(1);
            assertThat(audit.engine().errors().count(InternalErrors.Where.LISTENER))
                    .isZero();
        }
    }

    @Test
    void theDefaultsRedactKeysByShapeAndNameTheInstance() {
        try (CacheAudit audit = CacheAudit.builder()
                .withoutDefaultDetectors()
                .withoutFindingLog()
                .build()) {
            assertThat(audit.redactor().mode()).isEqualTo(KeyRedactor.Mode.SHAPE);
            assertThat(audit.application()).isEqualTo("application");
            assertThat(audit.instance()).endsWith(":" + ProcessHandle.current().pid());
            assertThat(audit.engine().queueCapacity()).isEqualTo(65_536);
        }
    }

    @Test
    void theReportFileReadsBack(@TempDir Path dir) throws IOException {
        try (CacheAudit audit = audit()) {
            audit.counters("users").hit();
            audit.submit(new CacheRead("users", 1L, false, null, 1));
            audit.submit(new CacheEvict("users", "1", null, TxState.NONE, 2));
            Path file = dir.resolve("cache-audit-report.json");

            audit.writeReport(file);

            try (Reader in = Files.newBufferedReader(file)) {
                AuditReport back = new ReportReader().read(in);
                assertThat(back).isEqualTo(audit.report());
                assertThat(back.findings()).hasSize(1);
            }
        }
    }
}
