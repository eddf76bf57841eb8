package dev.cacheaudit.core.detect;

import dev.cacheaudit.core.event.CacheClear;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.CacheEvict;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.SourceWrite;
import dev.cacheaudit.core.event.TxBoundary;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Observation;
import dev.cacheaudit.core.internal.state.AuditView;
import dev.cacheaudit.core.internal.state.WriteCoverage;
import dev.cacheaudit.core.keys.KeyRedactor;
import dev.cacheaudit.core.keys.KeyShape;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code UNCOVERED_WRITE}: a write of an entity that a cache holds, with no eviction, {@code @CachePut} or clear of
 * that cache in the same unit of work — the transaction, or the write itself when there is none — nor after it within
 * a window after it committed (for {@code AFTER_COMMIT} listeners and asynchronous invalidation). A write is only judged
 * when the cache could hold a stale entry for it: an entry with that identifier (or, when the cache is keyed by
 * something else, any entry) was cached before the write; so seeding data at start-up stays silent, and so do writes
 * rolled back and writes of entities no cache holds.
 */
public final class UncoveredWriteDetector implements Detector {

    private static final int MAX_PENDING = 10_000;

    private static final int INVALIDATIONS_PER_CACHE = 256;

    private final KeyRedactor redactor;

    private final WriteCoverage coverage;

    private final long windowNanos;

    private final RecentInvalidations<Invalidation> invalidations = new RecentInvalidations<>(INVALIDATIONS_PER_CACHE);

    private final PendingWrites<Pending> pending;

    public UncoveredWriteDetector(KeyRedactor redactor, WriteCoverage coverage, Duration window) {
        this.redactor = redactor;
        this.coverage = coverage;
        this.windowNanos = window.toNanos();
        this.pending = new PendingWrites<>(MAX_PENDING, window);
    }

    @Override
    public void on(CacheEvent event, AuditView state, FindingSink findings) {
        if (event instanceof SourceWrite write) {
            written(write, state);
        } else if (event instanceof TxBoundary boundary) {
            pending.ended(boundary);
        } else if (event instanceof CacheEvict evict) {
            invalidated(evict.cache(), evict.nanos(), evict.tx().txId());
        } else if (event instanceof CacheClear clear) {
            invalidated(clear.cache(), clear.nanos(), clear.tx().txId());
        } else if (event instanceof CachePut put && put.loadStartNanos() == 0) {
            // A put that no miss started is a write-through (@CachePut), which refreshes the entry.
            invalidated(put.cache(), put.nanos(), put.tx().txId());
        }
    }

    @Override
    public void onTick(long nowNanos, AuditView state, FindingSink findings) {
        pending.judgeDue(nowNanos, write -> judge(write, state, findings));
    }

    private void written(SourceWrite write, AuditView state) {
        Set<String> caches = state.cachesHolding(write.entity());
        if (caches.isEmpty()) {
            coverage.unheld();
            return;
        }
        if (pending.full()) {
            coverage.forgotten();
            return;
        }
        // One write of an entity in a transaction stands for all its writes there: they share one unit of work.
        if (write.tx().active() && pending.waiting(write.tx().txId(), other -> other.sameEntity(write))) {
            return;
        }
        pending.add(new Pending(write, caches), write.tx(), write.nanos());
    }

    private void invalidated(String cache, long nanos, long txId) {
        invalidations.recorded(cache, new Invalidation(txId, nanos));
    }

    private void judge(PendingWrites.Due<Pending> write, AuditView state, FindingSink findings) {
        SourceWrite source = write.write().write();
        for (String cache : write.write().caches()) {
            if (covered(write, cache)) {
                coverage.covered();
            } else if (!KeyMatch.couldBeStale(state, cache, source)) {
                coverage.unheld();
            } else {
                coverage.uncovered();
                findings.report(observation(cache, source));
            }
        }
    }

    private boolean covered(PendingWrites.Due<Pending> write, String cache) {
        for (Invalidation invalidation : invalidations.of(cache)) {
            if (write.coveredBy(invalidation.txId(), invalidation.nanos())) {
                return true;
            }
        }
        return false;
    }

    private Observation observation(String cache, SourceWrite write) {
        String entity = write.entity().substring(write.entity().lastIndexOf('.') + 1);
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("entity", write.entity());
        evidence.put("write", write.kind().name().toLowerCase(java.util.Locale.ROOT));
        evidence.put("writeSite", write.site());
        evidence.put("transaction", write.tx().active() ? "committed" : "none");
        evidence.put("window", Duration.ofNanos(windowNanos).toMillis() + "ms");
        @Nullable
        String id = write.id() != null
                ? redactor.redact(String.valueOf(write.id()), KeyShape.of(String.valueOf(write.id())))
                : null;
        if (id != null) {
            evidence.put("id", id);
        }
        return new Observation(
                FindingKind.UNCOVERED_WRITE,
                cache,
                write.entity() + "|" + write.site(),
                entity + " is written by " + write.site() + " (" + evidence.get("write") + ") but nothing evicts,"
                        + " updates or clears cache '" + cache + "' in that unit of work or within "
                        + evidence.get("window") + " after it committed, so the cache keeps serving the old "
                        + entity,
                null,
                id,
                List.of(write.site()),
                evidence);
    }

    private record Pending(SourceWrite write, Set<String> caches) {

        boolean sameEntity(SourceWrite other) {
            return write.entity().equals(other.entity())
                    && write.id() != null
                    && write.id().equals(other.id());
        }
    }

    /** Only when and in which transaction: this detector judges whole caches, never single entries. */
    private record Invalidation(long txId, long nanos) {}
}
