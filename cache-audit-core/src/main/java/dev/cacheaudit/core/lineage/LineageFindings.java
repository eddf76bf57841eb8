package dev.cacheaudit.core.lineage;

import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Observation;
import dev.cacheaudit.core.keys.KeyRedactor;
import dev.cacheaudit.core.keys.KeyShape;
import dev.cacheaudit.core.state.AuditState;
import dev.cacheaudit.core.state.CacheProfile;
import dev.cacheaudit.core.state.KeyHistory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/** How lineage words its findings, and whether a write could have left anything stale. */
final class LineageFindings {

    private final KeyRedactor redactor;

    private final long windowMillis;

    LineageFindings(KeyRedactor redactor, Duration window) {
        this.redactor = redactor;
        this.windowMillis = window.toMillis();
    }

    /**
     * Whether the cache held, before the write, an entry the write may have made stale: one under a key value the
     * statement names, or any entry when it names none, or when rows moved away from an entry it cannot name.
     */
    static boolean couldBeStale(AuditState state, PendingWrite write) {
        CacheProfile profile = state.existingProfile(write.cache);
        if (profile == null || profile.putShapes().values().stream().noneMatch(s -> s.firstNanos() < write.nanos)) {
            return false;
        }
        if (write.affected.isEmpty() || write.moved) {
            return true;
        }
        boolean known = false;
        for (PendingWrite.Entry entry : write.affected) {
            if (!KeyShape.of(entry.value()).variables().equals(List.of(entry.value()))) {
                return true;
            }
            for (AuditState.IdentifiedKey key : state.keysOf(write.cache, entry.value())) {
                known = true;
                KeyHistory history =
                        state.existingHistory(write.cache, key.shape().type(), key.printed());
                if (history != null && history.lastPutNanos() != 0 && history.lastPutNanos() < write.nanos) {
                    return true;
                }
            }
        }
        // Keyed by these values, none of which was cached: nothing to be stale. Keys of another form: cannot tell.
        return !known;
    }

    Observation uncovered(PendingWrite write) {
        Map<String, String> evidence = evidence(write);
        String operation = evidence.get("write");
        String moved = write.moved
                ? "; the rows moved to another " + String.join(", ", write.keyColumns)
                        + ", so the entry they left is stale too and was not invalidated"
                : "";
        return new Observation(
                FindingKind.UNCOVERED_WRITE,
                write.cache,
                "table|" + write.table + "|" + write.site,
                "table '" + write.table + "' feeds cache '" + write.cache + "' and is written by " + write.site + " ("
                        + operation + ") but nothing evicts, updates or clears " + affected(evidence)
                        + " in that unit of work or within " + windowMillis + "ms after it committed" + moved
                        + ", so the cache keeps serving the old rows",
                null,
                evidence.get("key"),
                List.of(write.site),
                evidence);
    }

    Observation evictedBeforeWrite(PendingWrite write, long invalidationNanos, @Nullable String evictSite) {
        Map<String, String> evidence = evidence(write);
        long gapMillis = Math.max(0, (write.nanos - invalidationNanos) / 1_000_000);
        evidence.put("operation", "evict");
        if (evictSite != null) {
            evidence.put("evictSite", evictSite);
        }
        evidence.put("writeAfterMs", String.valueOf(gapMillis));
        evidence.put("window", "stale-set");
        return new Observation(
                FindingKind.EVICT_BEFORE_COMMIT,
                write.cache,
                "evict-then-write|" + write.table + "|" + write.site,
                (evictSite != null ? evictSite : "the application") + " invalidates cache '" + write.cache
                        + "' and then " + write.site + " writes table '" + write.table + "' (" + evidence.get("write")
                        + ", " + gapMillis + " ms later) with no transaction around them and no invalidation after"
                        + " the write: a reader in between caches the old rows again and keeps them",
                null,
                evidence.get("key"),
                evictSite != null && !evictSite.equals(write.site)
                        ? List.of(write.site, evictSite)
                        : List.of(write.site),
                evidence);
    }

    private Map<String, String> evidence(PendingWrite write) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("table", write.table);
        evidence.put("write", write.operation.name().toLowerCase(Locale.ROOT));
        evidence.put("writeSite", write.site);
        evidence.put("transaction", write.txId != 0 ? "committed" : "none");
        evidence.put("window", windowMillis + "ms");
        if (write.affected.isEmpty()) {
            evidence.put("match", "whole cache: the statement names no key column of the cache");
        } else {
            StringJoiner keys = new StringJoiner(", ");
            for (PendingWrite.Entry entry : write.affected) {
                keys.add(redactor.redact(entry.value(), KeyShape.of(entry.value())));
            }
            evidence.put("match", "key columns " + String.join(", ", write.keyColumns));
            evidence.put("key", keys.toString());
        }
        return evidence;
    }

    private static String affected(Map<String, String> evidence) {
        String key = evidence.get("key");
        return key != null ? "the entries it affects (" + key + ")" : "the cache (it affects the whole cache)";
    }
}
