package dev.cacheaudit.core.listen;

import dev.cacheaudit.core.CacheCounters;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.Observation;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Told what an audit sees and concludes; the log of findings, the meters and the Actuator endpoint listen through this
 * interface. Every method has an empty default, so a listener overrides only what it needs.
 *
 * <p>Threads and frequency: all methods but {@link #onCacheTracked} run on the engine's analysis thread, the one that
 * applies events and runs detectors, so a listener needs no locking of its own for what only these methods touch. A
 * listener added to a running audit is first told, on the caller's thread, of the caches and consistency windows that
 * already exist.
 *
 * <p>What a listener may do: count, record, remember within a bound. It must not wait (on the network, on a lock the
 * application holds), which would stall the analysis of every event, and must not submit events of its own; a log
 * line at the rate findings are told of, as {@link FindingLogger} writes, is fine. An exception it throws is counted as an internal
 * error (tag {@code where=listener}, the first one logged) and swallowed: the other listeners and the analysis go on.
 */
public interface AuditListener {

    /**
     * An event, after the state took it into account and before the detectors see it. Engine thread, once per event
     * analysed: as often as the application touches its caches and its source of truth, so keep it cheap.
     */
    default void onEvent(CacheEvent event) {}

    /** One sighting a detector reported, before deduplication. Engine thread, once per sighting. */
    default void onObservation(Observation observation) {}

    /**
     * A finding that is new, that traffic confirmed, or whose count just crossed a power of ten. Engine thread; a
     * finding seen a million times is told of about seven times, never once per request.
     *
     * @param finding the finding as it now stands
     * @param first whether this is its first sighting, or the first that confirmed a suspicion
     */
    default void onFinding(Finding finding, boolean first) {}

    /**
     * A cache the audit tracks from now on, once per cache. Called on the thread that first asked for its counters:
     * usually an application thread, in the recording layer's path, so it must be quick.
     *
     * @param cache the cache's name
     * @param counters its operation counters, safe to read from any thread for as long as the audit lives
     */
    default void onCacheTracked(String cache, CacheCounters counters) {}

    /**
     * How long a stale entry had been stale when it was reported or seen fresh again; only with verification on.
     * Engine thread, once per such outcome.
     */
    default void onStaleness(String cache, Duration staleFor) {}

    /**
     * A (cache, window) pair whose consistency verification measures from now on; only with verification on. Engine
     * thread, once per pair.
     *
     * @param cache the cache's name
     * @param window the window after a write ({@code PT1S}), or {@code sample}, {@code refill}, {@code grace}
     * @param ratio fresh ÷ verified of that pair, 1 when nothing was verified; readable from any thread as long as the
     *     audit lives, and held by the audit, so a weak reference to it (a Micrometer gauge's) stays valid
     */
    default void onConsistency(String cache, String window, DoubleSupplier ratio) {}
}
