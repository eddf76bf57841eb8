package dev.cacheaudit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.detect.Detector;
import dev.cacheaudit.core.fleet.Fleet;
import dev.cacheaudit.core.fleet.FleetSettings;
import dev.cacheaudit.core.keys.KeyRedactor;
import dev.cacheaudit.core.lineage.Lineage;
import dev.cacheaudit.core.lineage.LineageDetector;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorsTests {

    private static final KeyRedactor REDACTOR = new KeyRedactor(KeyRedactor.Mode.SHAPE);

    private static final Detector OWN = (event, state, findings) -> {};

    private static Fleet fleet() {
        return new Fleet(
                "a",
                payload -> {},
                new FleetSettings(10, Duration.ofSeconds(5), Duration.ofSeconds(2), 100),
                REDACTOR,
                Clock.systemUTC(),
                Ticker.system());
    }

    private static List<String> names(List<Detector> detectors) {
        return detectors.stream().map(d -> d.getClass().getSimpleName()).toList();
    }

    @Test
    void theDefaultsAreEveryDetectorThatNeedsNothingConfigured() {
        assertThat(names(Detectors.defaults(REDACTOR)))
                .containsExactly(
                        "KeyMismatchDetector",
                        "CacheNameMismatchDetector",
                        "WireKeyMismatchDetector",
                        "UncoveredWriteDetector",
                        "EvictBeforeCommitDetector",
                        "EvictionFailedDetector",
                        "FullClearDetector",
                        "TtlDetector",
                        "StampedeDetector");
    }

    @Test
    void withNothingConfiguredOnlyTheDefaultsAndTheApplicationsOwnRun() {
        List<Detector> detectors =
                Detectors.of(Detectors.defaults(REDACTOR), null, true, List.of(OWN), null, null, null);

        assertThat(detectors).hasSize(10).endsWith(OWN);
    }

    @Test
    void theFleetAddsItsCrossInstanceDetectorAndItsForeignWriteDetectorOnlyWithKeyspaceNotifications() {
        Fleet fleet = fleet();

        assertThat(Detectors.of(List.of(), fleet, false, List.of(OWN), null, null, null))
                .containsExactly(fleet.detector(), OWN);
        assertThat(Detectors.of(List.of(), fleet, true, List.of(OWN), null, null, null))
                .containsExactly(fleet.detector(), fleet.foreignWriteDetector(), OWN);
    }

    @Test
    void lineageRunsAfterTheApplicationsOwnDetectors() {
        LineageDetector lineage =
                new LineageDetector(sql -> null, new Lineage(8), REDACTOR, Detectors.DEFAULT_COVERAGE_WINDOW);

        assertThat(Detectors.of(List.of(), null, false, List.of(OWN), lineage, null, null))
                .containsExactly(OWN, lineage);
    }
}
