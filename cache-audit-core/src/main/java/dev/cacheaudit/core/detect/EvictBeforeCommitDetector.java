package dev.cacheaudit.core.detect;

import dev.cacheaudit.core.event.CacheClear;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.CacheEvict;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.TxBoundary;
import dev.cacheaudit.core.event.TxState;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Observation;
import dev.cacheaudit.core.internal.state.AuditView;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code EVICT_BEFORE_COMMIT}: an eviction, clear or write-through put that ran inside a transaction that had not yet
 * committed, on a cache that is not transaction-aware. Between the eviction and the commit a reader can load the old
 * row and cache it again. Reported when the transaction commits (a rolled-back one made the eviction harmless), with
 * how long after the eviction the commit came. Read-through puts (after a miss) are not invalidations and are left
 * out; transaction-aware caches defer their writes to after the commit and are never reported.
 */
public final class EvictBeforeCommitDetector implements Detector {

    private static final int MAX_TRANSACTIONS = 10_000;

    private final Map<Long, List<Early>> open = new LinkedHashMap<>();

    @Override
    public void on(CacheEvent event, AuditView state, FindingSink findings) {
        if (event instanceof CacheEvict evict) {
            early(evict.cache(), "evict", evict.site(), evict.tx(), evict.nanos());
        } else if (event instanceof CacheClear clear) {
            early(clear.cache(), "clear", clear.site(), clear.tx(), clear.nanos());
        } else if (event instanceof CachePut put && put.loadStartNanos() == 0) {
            early(put.cache(), "put", put.site(), put.tx(), put.nanos());
        } else if (event instanceof TxBoundary boundary) {
            List<Early> operations = open.remove(boundary.txId());
            if (operations != null && boundary.outcome() == TxBoundary.Outcome.COMMITTED) {
                for (Early operation : operations) {
                    findings.report(observation(operation, boundary));
                }
            }
        }
    }

    private void early(String cache, String operation, @Nullable String site, TxState tx, long nanos) {
        if (!tx.active() || tx.cacheTransactionAware()) {
            return;
        }
        if (open.size() >= MAX_TRANSACTIONS && !open.containsKey(tx.txId())) {
            Iterator<Long> oldest = open.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        open.computeIfAbsent(tx.txId(), id -> new ArrayList<>(2)).add(new Early(cache, operation, site, nanos));
    }

    private static Observation observation(Early early, TxBoundary boundary) {
        long delayMillis = Math.max(0, (boundary.nanos() - early.nanos) / 1_000_000);
        String site = early.site != null ? early.site : "unknown";
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("operation", early.operation);
        evidence.put("transaction", "committed");
        evidence.put("commitAfterMs", String.valueOf(delayMillis));
        evidence.put("writeSite", site);
        return new Observation(
                FindingKind.EVICT_BEFORE_COMMIT,
                early.cache,
                early.operation + "|" + site,
                "the " + early.operation + " on cache '" + early.cache + "' in " + site + " ran inside a transaction"
                        + " that committed " + delayMillis + " ms later; a reader in between can cache the old row"
                        + " again, because the cache is not transaction-aware",
                null,
                null,
                early.site != null ? List.of(early.site) : List.of(),
                evidence);
    }

    private record Early(
            String cache, String operation, @Nullable String site, long nanos) {}
}
