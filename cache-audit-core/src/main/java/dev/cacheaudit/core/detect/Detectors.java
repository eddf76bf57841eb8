package dev.cacheaudit.core.detect;

import dev.cacheaudit.core.keys.KeyRedactor;
import java.time.Duration;
import java.util.List;

/** The detectors cache-audit runs unless told otherwise. */
public final class Detectors {

    private Detectors() {}

    /** How long after a write (or its commit) an invalidation still covers it, unless configured otherwise. */
    public static final Duration DEFAULT_COVERAGE_WINDOW = Duration.ofSeconds(2);

    /** A new instance of every built-in detector, showing keys through the given redactor. */
    public static List<Detector> defaults(KeyRedactor redactor) {
        return defaults(redactor, new WriteCoverage(), DEFAULT_COVERAGE_WINDOW);
    }

    /**
     * A new instance of every built-in detector.
     *
     * @param redactor shows keys as configured
     * @param coverage counts how writes fared, for the meters
     * @param coverageWindow how long after a write (or its commit) an invalidation still covers it
     */
    public static List<Detector> defaults(KeyRedactor redactor, WriteCoverage coverage, Duration coverageWindow) {
        return List.of(
                new KeyMismatchDetector(redactor),
                new CacheNameMismatchDetector(redactor),
                new WireKeyMismatchDetector(redactor),
                new UncoveredWriteDetector(redactor, coverage, coverageWindow),
                new EvictBeforeCommitDetector(),
                new EvictionFailedDetector(redactor),
                new FullClearDetector(),
                new TtlDetector(),
                new StampedeDetector(redactor));
    }
}
