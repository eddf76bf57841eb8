package dev.cacheaudit.core;

import dev.cacheaudit.core.cause.StaleCauses;
import dev.cacheaudit.core.detect.CacheNameMismatchDetector;
import dev.cacheaudit.core.detect.Detector;
import dev.cacheaudit.core.detect.EvictBeforeCommitDetector;
import dev.cacheaudit.core.detect.EvictionFailedDetector;
import dev.cacheaudit.core.detect.FullClearDetector;
import dev.cacheaudit.core.detect.KeyMismatchDetector;
import dev.cacheaudit.core.detect.StampedeDetector;
import dev.cacheaudit.core.detect.TtlDetector;
import dev.cacheaudit.core.detect.UncoveredWriteDetector;
import dev.cacheaudit.core.detect.WireKeyMismatchDetector;
import dev.cacheaudit.core.fleet.Fleet;
import dev.cacheaudit.core.internal.state.WriteCoverage;
import dev.cacheaudit.core.keys.KeyRedactor;
import dev.cacheaudit.core.lineage.LineageDetector;
import dev.cacheaudit.core.verify.VerificationDetector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every detector cache-audit has, and when each runs: the one list to read to know what analyses the events. The
 * engine runs them in this order, each on every event and on every tick.
 *
 * <ol>
 *   <li>Always, unless the builder said {@code withoutDefaultDetectors()}: {@link KeyMismatchDetector}, {@link
 *       CacheNameMismatchDetector}, {@link WireKeyMismatchDetector}, {@link UncoveredWriteDetector}, {@link
 *       EvictBeforeCommitDetector}, {@link EvictionFailedDetector}, {@link FullClearDetector}, {@link TtlDetector},
 *       {@link StampedeDetector} ({@link #defaults(KeyRedactor)}).
 *   <li>With a fleet ({@code Builder.fleet}): the fleet's {@code CrossInstanceStaleDetector}, and its {@code
 *       ForeignWriteDetector} when Redis keyspace notifications reach it.
 *   <li>The application's own, added with {@code Builder.detector}.
 *   <li>With lineage ({@code Builder.sqlParser}): {@link LineageDetector}.
 *   <li>With verification ({@code Builder.verification}): {@link StaleCauses}, which explains what made each stale
 *       entry stale (and reports {@code FOREIGN_WRITE} on the database), then {@link VerificationDetector}.
 * </ol>
 */
public final class Detectors {

    /** How long after a write (or its commit) an invalidation still covers it, unless configured otherwise. */
    public static final Duration DEFAULT_COVERAGE_WINDOW = Duration.ofSeconds(2);

    private Detectors() {}

    /** A new instance of every detector that needs nothing configured, showing keys through the given redactor. */
    public static List<Detector> defaults(KeyRedactor redactor) {
        return defaults(redactor, new WriteCoverage(), DEFAULT_COVERAGE_WINDOW);
    }

    /**
     * A new instance of every detector that needs nothing configured.
     *
     * @param redactor shows keys as configured
     * @param coverage counts how writes fared, for the meters
     * @param coverageWindow how long after a write (or its commit) an invalidation still covers it
     */
    static List<Detector> defaults(KeyRedactor redactor, WriteCoverage coverage, Duration coverageWindow) {
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

    /**
     * The detectors of one audit, in the order the engine runs them.
     *
     * @param defaults the detectors that need nothing configured, or none
     * @param fleet this instance's fleet, or {@code null} without one
     * @param foreignWrites whether keyspace notifications reach the fleet, so that it can judge foreign writes
     * @param added the application's own
     * @param lineage the lineage detector, or {@code null} when lineage is off
     * @param causes the explainer of stale entries, or {@code null} when verification is off
     * @param verification the verification detector, or {@code null} when verification is off
     */
    static List<Detector> of(
            List<Detector> defaults,
            @Nullable Fleet fleet,
            boolean foreignWrites,
            List<Detector> added,
            @Nullable LineageDetector lineage,
            @Nullable StaleCauses causes,
            @Nullable VerificationDetector verification) {
        List<Detector> detectors = new ArrayList<>(defaults);
        if (fleet != null) {
            detectors.add(fleet.detector());
            if (foreignWrites) {
                detectors.add(fleet.foreignWriteDetector());
            }
        }
        detectors.addAll(added);
        if (lineage != null) {
            detectors.add(lineage);
        }
        if (causes != null) {
            detectors.add(causes);
        }
        if (verification != null) {
            detectors.add(verification);
        }
        return detectors;
    }
}
