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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
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

    private final Map<String, ArrayDeque<long[]>> invalidations = new HashMap<>();

    private final Map<Long, List<Pending>> byTransaction = new LinkedHashMap<>();

    private final ArrayDeque<Pending> due = new ArrayDeque<>();

    private int pending;

    public UncoveredWriteDetector(KeyRedactor redactor, WriteCoverage coverage, Duration window) {
        this.redactor = redactor;
        this.coverage = coverage;
        this.windowNanos = window.toNanos();
    }

    @Override
    public void on(CacheEvent event, AuditView state, FindingSink findings) {
        if (event instanceof SourceWrite write) {
            written(write, state);
        } else if (event instanceof TxBoundary boundary) {
            ended(boundary);
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
        while (!due.isEmpty() && due.peekFirst().deadline <= nowNanos) {
            Pending write = due.pollFirst();
            pending--;
            judge(write, state, findings);
        }
    }

    private void written(SourceWrite write, AuditView state) {
        Set<String> caches = state.cachesHolding(write.entity());
        if (caches.isEmpty()) {
            coverage.unheld();
            return;
        }
        if (pending >= MAX_PENDING) {
            coverage.forgotten();
            return;
        }
        Pending entry = new Pending(write, caches);
        if (write.tx().active()) {
            List<Pending> inTransaction =
                    byTransaction.computeIfAbsent(write.tx().txId(), id -> new ArrayList<>());
            for (Pending other : inTransaction) {
                if (other.sameEntity(write)) {
                    return;
                }
            }
            inTransaction.add(entry);
        } else {
            entry.deadline = write.nanos() + windowNanos;
            due.addLast(entry);
        }
        pending++;
    }

    private void ended(TxBoundary boundary) {
        List<Pending> writes = byTransaction.remove(boundary.txId());
        if (writes == null) {
            return;
        }
        if (boundary.outcome() != TxBoundary.Outcome.COMMITTED) {
            pending -= writes.size();
            return;
        }
        for (Pending write : writes) {
            write.deadline = boundary.nanos() + windowNanos;
            due.addLast(write);
        }
    }

    private void invalidated(String cache, long nanos, long txId) {
        ArrayDeque<long[]> recent = invalidations.computeIfAbsent(cache, c -> new ArrayDeque<>());
        if (recent.size() == INVALIDATIONS_PER_CACHE) {
            recent.pollFirst();
        }
        recent.addLast(new long[] {nanos, txId});
    }

    private void judge(Pending write, AuditView state, FindingSink findings) {
        SourceWrite source = write.write;
        for (String cache : write.caches) {
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

    private boolean covered(Pending write, String cache) {
        ArrayDeque<long[]> recent = invalidations.get(cache);
        if (recent == null) {
            return false;
        }
        long txId = write.write.tx().txId();
        for (long[] invalidation : recent) {
            // In the same transaction, before or after the write; otherwise only after it: an invalidation before a
            // write outside any transaction lets a reader cache the old value again before the write lands.
            if ((txId != 0 && invalidation[1] == txId)
                    || (invalidation[0] >= write.write.nanos() && invalidation[0] <= write.deadline)) {
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

    private static final class Pending {

        final SourceWrite write;

        final Set<String> caches;

        long deadline;

        Pending(SourceWrite write, Set<String> caches) {
            this.write = write;
            this.caches = caches;
        }

        boolean sameEntity(SourceWrite other) {
            return write.entity().equals(other.entity())
                    && write.id() != null
                    && write.id().equals(other.id());
        }
    }
}
