package dev.cacheaudit.core;

import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.Observation;
import dev.cacheaudit.core.internal.engine.InternalErrors;
import dev.cacheaudit.core.listen.AuditListener;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * The audit's listeners, told in the order they were added. What one throws is counted as an internal error and
 * swallowed, so that a faulty listener costs neither the analysis nor the other listeners; an {@code Error} of the VM
 * other than a stack overflow is left to the engine thread's own handling.
 */
final class Listeners implements AuditListener {

    private final List<AuditListener> listeners = new CopyOnWriteArrayList<>();

    private final InternalErrors errors;

    Listeners(InternalErrors errors) {
        this.errors = errors;
    }

    void add(AuditListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void onEvent(CacheEvent event) {
        tell(listener -> listener.onEvent(event), "an event");
    }

    @Override
    public void onObservation(Observation observation) {
        tell(listener -> listener.onObservation(observation), "an observation");
    }

    @Override
    public void onFinding(Finding finding, boolean first) {
        tell(listener -> listener.onFinding(finding, first), "a finding");
    }

    @Override
    public void onCacheTracked(String cache, CacheCounters counters) {
        tell(listener -> listener.onCacheTracked(cache, counters), "a new cache");
    }

    @Override
    public void onStaleness(String cache, Duration staleFor) {
        tell(listener -> listener.onStaleness(cache, staleFor), "a staleness");
    }

    @Override
    public void onConsistency(String cache, String window, DoubleSupplier ratio) {
        tell(listener -> listener.onConsistency(cache, window, ratio), "a consistency window");
    }

    private void tell(Consumer<AuditListener> call, String subject) {
        for (AuditListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (VirtualMachineError ex) {
                if (!(ex instanceof StackOverflowError)) {
                    throw ex;
                }
                failed(listener, subject, ex);
            } catch (Throwable ex) {
                failed(listener, subject, ex);
            }
        }
    }

    private void failed(AuditListener listener, String subject, Throwable ex) {
        String name = listener.getClass().getSimpleName();
        errors.record(
                InternalErrors.Where.LISTENER,
                subject + " in " + name,
                name + " misses what it fails on; the analysis and the other listeners go on",
                ex);
    }
}
