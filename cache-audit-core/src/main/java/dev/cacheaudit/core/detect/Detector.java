package dev.cacheaudit.core.detect;

import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.internal.state.AuditState;

/**
 * One kind of analysis. The engine calls a detector on its own thread, after the state has taken the event into
 * account; a detector keeps whatever extra state it needs in its own fields, bounded. A detector that throws is
 * counted as an internal error and the engine carries on.
 */
public interface Detector {

    /** Looks at one event. */
    void on(CacheEvent event, AuditState state, FindingSink findings);

    /** Called about once a second, for checks that depend on time passing. */
    default void onTick(long nowNanos, AuditState state, FindingSink findings) {}
}
