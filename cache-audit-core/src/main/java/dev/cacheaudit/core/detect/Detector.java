package dev.cacheaudit.core.detect;

import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.internal.state.AuditView;

/**
 * One kind of analysis. The engine calls a detector on its own thread, after the state has taken the event into
 * account, and shows it the state through an {@link AuditView}, which only reads; a detector keeps whatever extra
 * state it needs in its own fields, bounded. A detector that throws is counted as an internal error and the engine
 * carries on. The detectors cache-audit runs, and when, are listed in {@code dev.cacheaudit.core.Detectors}.
 */
public interface Detector {

    /** Looks at one event. */
    void on(CacheEvent event, AuditView state, FindingSink findings);

    /** Called about once a second, for checks that depend on time passing. */
    default void onTick(long nowNanos, AuditView state, FindingSink findings) {}
}
