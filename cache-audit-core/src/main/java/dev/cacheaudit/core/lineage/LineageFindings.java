package dev.cacheaudit.core.lineage;

import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Observation;
import dev.cacheaudit.core.internal.state.AuditView;
import dev.cacheaudit.core.internal.state.CacheProfile;
import dev.cacheaudit.core.internal.state.KeyHistory;
import dev.cacheaudit.core.keys.KeyRedactor;
import dev.cacheaudit.core.keys.KeyShape;
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
    static boolean couldBeStale(AuditView state, PendingWrite write) {
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
            for (AuditView.IdentifiedKey key : state.keysOf(write.cache, entry.value())) {
                known = true;
                KeyHistory history =
                        state.existingHistory(write.cache, key.shape().type(), key.printed());
                // A value stored after the write by a load that began before it may hold the old rows too.
                if (history != null
                        && ((history.lastPutNanos() != 0 && history.lastPutNanos() < write.nanos)
                                || (history.lastLoadStartNanos() != 0 && history.lastLoadStartNanos() < write.nanos))) {
                    return true;
                }
            }
        }
        // Keyed by these values, none of which was cached: nothing to be stale. Keys of another form: cannot tell.
        return !known;
    }

    Observation uncovered(PendingWrite write, List<PendingWrite.Entry> missed) {
        Map<String, String> evidence = evidence(write);
        String affected = affected(evidence);
        if (!missed.isEmpty() && missed.size() < write.affected.size()) {
            // Some of the entries were invalidated: the finding names those that were not.
            evidence.put("notInvalidated", redacted(missed));
            affected = "entry " + evidence.get("notInvalidated") + " among " + affected;
        }
        String operation = evidence.get("write");
        String moved = write.moved
                ? "; the rows moved to another " + String.join(", ", write.keyColumns)
                        + ", so the entry they left is stale too and was not invalidated"
                : "";
        if (!write.heldBy.isEmpty()) {
            moved = (write.keyColumns.isEmpty()
                    ? "; the statement names no key column: entry " + evidence.get("heldBy") + " was matched by the "
                            + write.entity + " its value holds"
                    : "; the rows moved to another " + String.join(", ", write.keyColumns) + ": entry "
                            + evidence.get("heldBy") + " held the moved " + write.entity
                            + " (matched by the entity its value holds) and is stale too");
        }
        return new Observation(
                FindingKind.UNCOVERED_WRITE,
                write.cache,
                "table|" + write.table + "|" + write.site,
                "table '" + write.table + "' feeds cache '" + write.cache + "' and is written by " + write.site + " ("
                        + operation + ") but nothing evicts, updates or clears " + affected
                        + " in that unit of work or within " + windowMillis + "ms after it committed" + moved
                        + ", so the cache keeps serving the old rows",
                null,
                evidence.get("key"),
                List.of(write.site),
                evidence);
    }

    Observation evictedBeforeWrite(
            PendingWrite write, long invalidationNanos, @Nullable String evictSite, Refills.@Nullable Refill refill) {
        Map<String, String> evidence = evidence(write);
        long gapMillis = Math.max(0, (write.nanos - invalidationNanos) / 1_000_000);
        evidence.put("operation", "evict");
        if (evictSite != null) {
            evidence.put("evictSite", evictSite);
        }
        evidence.put("writeAfterMs", String.valueOf(gapMillis));
        evidence.put("window", "stale-set");
        String confirmation;
        if (refill != null) {
            long refillMillis = Math.max(0, (refill.loadStartNanos() - invalidationNanos) / 1_000_000);
            evidence.put("refill", "seen");
            evidence.put("refillShape", redactor.shape(refill.shape().shape()));
            evidence.put("refillAfterEvictMs", String.valueOf(refillMillis));
            confirmation = "; confirmed: a load of the same entry began " + refillMillis
                    + " ms after the invalidation and read the database before the write, so the old rows are cached";
        } else {
            evidence.put("refill", "none seen");
            confirmation = "";
        }
        return new Observation(
                FindingKind.EVICT_BEFORE_COMMIT,
                write.cache,
                "evict-then-write|" + write.table + "|" + write.site,
                (evictSite != null ? evictSite : "the application") + " invalidates cache '" + write.cache
                        + "' and then " + write.site + " writes table '" + write.table + "' (" + evidence.get("write")
                        + ", " + gapMillis + " ms later) with no transaction around them and no invalidation after"
                        + " the write: a reader in between caches the old rows again and keeps them" + confirmation,
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
            evidence.put("match", match(write));
            evidence.put("key", redacted(write.affected));
            if (!write.heldBy.isEmpty()) {
                evidence.put("heldBy", redacted(write.heldBy));
                evidence.put("entity", String.valueOf(write.entity));
            }
        }
        return evidence;
    }

    private static String match(PendingWrite write) {
        String columns = "key columns " + String.join(", ", write.keyColumns);
        if (write.heldBy.isEmpty()) {
            return columns;
        }
        String entity = "entity: the entries hold the " + write.entity + " the statement names by its identifier";
        return write.keyColumns.isEmpty() ? entity : columns + "; " + entity;
    }

    private String redacted(List<PendingWrite.Entry> entries) {
        StringJoiner keys = new StringJoiner(", ");
        for (PendingWrite.Entry entry : entries) {
            keys.add(redactor.redact(entry.value(), KeyShape.of(entry.value())));
        }
        return keys.toString();
    }

    private static String affected(Map<String, String> evidence) {
        String key = evidence.get("key");
        return key != null ? "the entries it affects (" + key + ")" : "the cache (it affects the whole cache)";
    }
}
