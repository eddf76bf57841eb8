package dev.cacheaudit.core.lineage;

import dev.cacheaudit.core.detect.Detector;
import dev.cacheaudit.core.detect.FindingSink;
import dev.cacheaudit.core.event.CacheClear;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.CacheEvict;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.CacheRead;
import dev.cacheaudit.core.event.SourceWrite;
import dev.cacheaudit.core.event.SqlStatement;
import dev.cacheaudit.core.event.TxBoundary;
import dev.cacheaudit.core.keys.KeyDescriptor;
import dev.cacheaudit.core.keys.KeyRedactor;
import dev.cacheaudit.core.state.AuditState;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Lineage and the writes it reveals. A query run while a cache miss loads tells which tables feed that cache, and
 * which of their columns were bound to the key. A statement that changes such a table is then judged like
 * {@code UNCOVERED_WRITE} judges an entity write: when its unit of work (the transaction, or the statement itself in
 * autocommit) ends with no eviction, write-through put or clear of the entries it affects within the coverage window,
 * it is reported. Entries are the ones named by the key columns in the statement ({@code WHERE parent_id = ?}, the
 * values an {@code INSERT} gives them), the whole cache when the statement names none; an {@code UPDATE} that moves
 * rows to another key value also affects the entry they left, which it cannot name, so it needs one more
 * invalidation than the entry they joined. When the only invalidation of those entries ran shortly before an
 * autocommitted write (evict, then insert, with no transaction), the write is the stale-set window, reported as
 * {@code EVICT_BEFORE_COMMIT}: a reader in between caches the old rows again. Writes the JPA recording saw (same
 * table, same transaction) are left to it.
 */
public final class LineageDetector implements Detector {

    private static final int MAX_MISSES = 4096;

    private static final int MAX_PENDING = 10_000;

    private static final int INVALIDATIONS_PER_CACHE = 256;

    private static final int ENTITY_WRITES = 1024;

    private final SqlParser parser;

    private final Lineage lineage;

    private final LineageFindings report;

    private final long windowNanos;

    private final LongAdder unparsed = new LongAdder();

    private final LongAdder forgotten = new LongAdder();

    private final Map<Long, Miss> misses = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Miss> eldest) {
            return size() > MAX_MISSES;
        }
    };

    private final Map<String, ArrayDeque<Invalidation>> invalidations = new HashMap<>();

    private final Map<Long, List<PendingWrite>> byTransaction = new LinkedHashMap<>();

    private final ArrayDeque<PendingWrite> due = new ArrayDeque<>();

    private final ArrayDeque<EntityWrite> entityWrites = new ArrayDeque<>();

    private int pending;

    public LineageDetector(SqlParser parser, Lineage lineage, KeyRedactor redactor, Duration window) {
        this.parser = parser;
        this.lineage = lineage;
        this.windowNanos = window.toNanos();
        this.report = new LineageFindings(redactor, window);
    }

    /** Statements that could not be parsed; they are left out of lineage and coverage. */
    public long unparsed() {
        return unparsed.sum();
    }

    /** Writes not judged because too many were waiting for their unit of work to end. */
    public long forgotten() {
        return forgotten.sum();
    }

    @Override
    public void on(CacheEvent event, AuditState state, FindingSink findings) {
        if (event instanceof SqlStatement statement) {
            statement(statement, state);
        } else if (event instanceof CacheRead read && !read.hit()) {
            misses.put(read.nanos(), new Miss(read.cache(), state.describe(read.key())));
        } else if (event instanceof CacheEvict evict) {
            invalidated(
                    evict.cache(),
                    state.describe(evict.key()).components(),
                    evict.site(),
                    evict.tx().txId(),
                    evict.nanos());
        } else if (event instanceof CacheClear clear) {
            invalidated(clear.cache(), null, clear.site(), clear.tx().txId(), clear.nanos());
        } else if (event instanceof CachePut put && put.loadStartNanos() == 0) {
            invalidated(
                    put.cache(),
                    state.describe(put.key()).components(),
                    put.site(),
                    put.tx().txId(),
                    put.nanos());
        } else if (event instanceof SourceWrite write) {
            if (entityWrites.size() == ENTITY_WRITES) {
                entityWrites.pollFirst();
            }
            entityWrites.addLast(
                    new EntityWrite(lineage.tableOf(write.entity()), write.tx().txId(), write.nanos()));
        } else if (event instanceof TxBoundary boundary) {
            ended(boundary);
        }
    }

    @Override
    public void onTick(long nowNanos, AuditState state, FindingSink findings) {
        while (!due.isEmpty() && due.peekFirst().deadline <= nowNanos) {
            PendingWrite write = due.pollFirst();
            pending--;
            judge(write, state, findings);
        }
    }

    private void statement(SqlStatement statement, AuditState state) {
        ParsedSql parsed;
        try {
            parsed = parser.parse(statement.sql());
        } catch (RuntimeException ex) {
            parsed = null;
        }
        if (parsed == null) {
            unparsed.increment();
            return;
        }
        if (!parsed.write()) {
            Miss miss = statement.inLoad() ? misses.get(statement.loadStartNanos()) : null;
            if (miss != null) {
                for (ParsedSql.TableAccess access : parsed.tables()) {
                    lineage.learned(miss.cache, access.table(), keyColumns(access, statement, miss.key));
                }
            }
            return;
        }
        for (ParsedSql.TableAccess access : parsed.tables()) {
            if (!access.written()) {
                continue;
            }
            for (Map.Entry<String, Lineage.Feed> fed :
                    lineage.cachesFedBy(access.table()).entrySet()) {
                if (pending >= MAX_PENDING) {
                    forgotten.increment();
                    return;
                }
                PendingWrite write =
                        PendingWrite.of(fed.getKey(), fed.getValue(), parsed.operation(), access, statement);
                if (statement.tx().active()) {
                    byTransaction
                            .computeIfAbsent(statement.tx().txId(), id -> new ArrayList<>())
                            .add(write);
                } else {
                    write.deadline = statement.nanos() + windowNanos;
                    due.addLast(write);
                }
                pending++;
            }
        }
    }

    private static Map<String, Integer> keyColumns(
            ParsedSql.TableAccess access, SqlStatement statement, KeyDescriptor key) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        List<String> components = key.components();
        access.conditions().forEach((column, operand) -> {
            String value = operand.value(statement.parameters());
            for (int index = 0; index < components.size(); index++) {
                if (operand.matches(value, components.get(index))) {
                    columns.put(column, index);
                    break;
                }
            }
        });
        return columns;
    }

    private void invalidated(String cache, @Nullable List<String> key, @Nullable String site, long txId, long nanos) {
        ArrayDeque<Invalidation> recent = invalidations.computeIfAbsent(cache, c -> new ArrayDeque<>());
        if (recent.size() == INVALIDATIONS_PER_CACHE) {
            recent.pollFirst();
        }
        recent.addLast(new Invalidation(key, site, txId, nanos));
    }

    private void ended(TxBoundary boundary) {
        List<PendingWrite> writes = byTransaction.remove(boundary.txId());
        if (writes == null) {
            return;
        }
        if (boundary.outcome() != TxBoundary.Outcome.COMMITTED) {
            pending -= writes.size();
            return;
        }
        for (PendingWrite write : writes) {
            write.deadline = boundary.nanos() + windowNanos;
            due.addLast(write);
        }
    }

    private void judge(PendingWrite write, AuditState state, FindingSink findings) {
        if (seenByEntityRecording(write) || covered(write) || !LineageFindings.couldBeStale(state, write)) {
            return;
        }
        Invalidation early = earlyInvalidation(write);
        if (early != null) {
            findings.report(report.evictedBeforeWrite(write, early.nanos, early.site));
        } else {
            findings.report(report.uncovered(write));
        }
    }

    private boolean seenByEntityRecording(PendingWrite write) {
        for (EntityWrite entity : entityWrites) {
            if (entity.table.equals(write.table)
                    && ((write.txId != 0 && entity.txId == write.txId)
                            || Math.abs(entity.nanos - write.nanos) <= windowNanos)) {
                return true;
            }
        }
        return false;
    }

    private boolean covered(PendingWrite write) {
        List<Invalidation> relevant = new ArrayList<>();
        for (Invalidation invalidation : invalidations.getOrDefault(write.cache, new ArrayDeque<>())) {
            if ((write.txId != 0 && invalidation.txId == write.txId)
                    || (invalidation.nanos >= write.nanos && invalidation.nanos <= write.deadline)) {
                if (invalidation.key == null) {
                    return true;
                }
                relevant.add(invalidation);
            }
        }
        if (write.affected.isEmpty()) {
            return !relevant.isEmpty();
        }
        for (PendingWrite.Entry entry : write.affected) {
            if (relevant.stream().noneMatch(invalidation -> entry.matches(invalidation.key))) {
                return false;
            }
        }
        // Rows that moved left an entry the statement does not name: some other entry must have been invalidated.
        return !write.moved
                || relevant.stream().anyMatch(invalidation -> write.affected.stream()
                        .noneMatch(entry -> entry.matches(invalidation.key)));
    }

    private @Nullable Invalidation earlyInvalidation(PendingWrite write) {
        if (write.txId != 0) {
            return null;
        }
        for (Invalidation invalidation : invalidations.getOrDefault(write.cache, new ArrayDeque<>())) {
            // Before the write, close to it and outside any transaction too: had it come after the write, it would
            // have covered it.
            boolean before = invalidation.txId == 0
                    && invalidation.nanos < write.nanos
                    && write.nanos - invalidation.nanos <= windowNanos;
            if (before
                    && (invalidation.key == null
                            || write.affected.isEmpty()
                            || write.affected.stream().anyMatch(entry -> entry.matches(invalidation.key)))) {
                return invalidation;
            }
        }
        return null;
    }

    private record Miss(String cache, KeyDescriptor key) {}

    private record Invalidation(
            @Nullable List<String> key, @Nullable String site, long txId, long nanos) {}

    private record EntityWrite(String table, long txId, long nanos) {}
}
