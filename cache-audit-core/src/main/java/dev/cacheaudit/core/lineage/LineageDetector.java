package dev.cacheaudit.core.lineage;

import dev.cacheaudit.core.detect.Detector;
import dev.cacheaudit.core.detect.FindingSink;
import dev.cacheaudit.core.detect.PendingWrites;
import dev.cacheaudit.core.detect.RecentInvalidations;
import dev.cacheaudit.core.event.CacheClear;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.CacheEvict;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.CacheRead;
import dev.cacheaudit.core.event.SourceWrite;
import dev.cacheaudit.core.event.SqlStatement;
import dev.cacheaudit.core.event.TxBoundary;
import dev.cacheaudit.core.internal.state.AuditView;
import dev.cacheaudit.core.internal.state.EntityIndex;
import dev.cacheaudit.core.internal.state.KeyHistory;
import dev.cacheaudit.core.keys.KeyDescriptor;
import dev.cacheaudit.core.keys.KeyRedactor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * values an {@code INSERT} gives them), the whole cache when the statement names none (but none when an {@code INSERT}
 * leaves a key column to the database, a generated identifier: no entry was cached under a key that did not exist); an {@code UPDATE} that moves
 * rows to another key value also affects the entry they left, which it cannot name, so it needs one more
 * invalidation than the entry they joined. Where the cached values hold entities, a row the statement names by its
 * identifier ({@code WHERE id = ?}) affects exactly the entries whose values hold it: the list a moved row left, or
 * the entries a row of a cache keyed by something else is in. When the only invalidation of those entries ran
 * shortly before an autocommitted write (evict, then insert, with no transaction), the write is the stale-set window,
 * reported as {@code EVICT_BEFORE_COMMIT}: a reader in between caches the old rows again, which is confirmed when a
 * load of such an entry began after the eviction and read the database before the write. Writes the JPA recording saw
 * (same table, same transaction) are left to it.
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

    private final RecentInvalidations<Invalidation> invalidations = new RecentInvalidations<>(INVALIDATIONS_PER_CACHE);

    private final Refills refills = new Refills();

    private final PendingWrites<PendingWrite> pending;

    private final ArrayDeque<EntityWrite> entityWrites = new ArrayDeque<>();

    public LineageDetector(SqlParser parser, Lineage lineage, KeyRedactor redactor, Duration window) {
        this.parser = parser;
        this.lineage = lineage;
        this.windowNanos = window.toNanos();
        this.pending = new PendingWrites<>(MAX_PENDING, window);
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
    public void on(CacheEvent event, AuditView state, FindingSink findings) {
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
        } else if (event instanceof CachePut put) {
            refilled(put, state);
        } else if (event instanceof SourceWrite write) {
            if (entityWrites.size() == ENTITY_WRITES) {
                entityWrites.pollFirst();
            }
            entityWrites.addLast(
                    new EntityWrite(lineage.tableOf(write.entity()), write.tx().txId(), write.site(), write.nanos()));
        } else if (event instanceof TxBoundary boundary) {
            pending.ended(boundary);
        }
    }

    @Override
    public void onTick(long nowNanos, AuditView state, FindingSink findings) {
        pending.judgeDue(nowNanos, write -> judge(write, state, findings));
    }

    private void statement(SqlStatement statement, AuditView state) {
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
                if (miss.firstReadNanos == 0) {
                    miss.firstReadNanos = statement.nanos();
                }
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
                if (pending.full()) {
                    forgotten.increment();
                    return;
                }
                PendingWrite.RowHolders holders = holders(fed.getKey(), parsed.operation(), access, statement, state);
                PendingWrite write =
                        PendingWrite.of(fed.getKey(), fed.getValue(), parsed.operation(), access, statement, holders);
                if (write == null) {
                    continue;
                }
                pending.add(write, statement.tx(), statement.nanos());
            }
        }
    }

    /**
     * The entries of the cache whose values hold a row the statement changes or deletes by its identifier: the
     * entity index knows which entries held an entity with that identifier, and an entry counts while the value that
     * held it is still the one cached. The identifier column is the entity's identifier attribute in snake case; the
     * entity must be mapped to the table written, or the table must be the only one feeding the cache.
     */
    private PendingWrite.RowHolders holders(
            String cache,
            ParsedSql.Operation operation,
            ParsedSql.TableAccess access,
            SqlStatement statement,
            AuditView state) {
        if (operation != ParsedSql.Operation.UPDATE && operation != ParsedSql.Operation.DELETE) {
            return PendingWrite.RowHolders.NONE;
        }
        List<String> keys = new ArrayList<>(2);
        String entity = null;
        for (Map.Entry<String, ParsedSql.Operand> condition :
                access.conditions().entrySet()) {
            String id = condition.getValue().value(statement.parameters());
            if (id == null) {
                continue;
            }
            for (EntityIndex.Holder holder : state.entities().holders(cache, id)) {
                if (Lineage.snakeCase(holder.idAttribute()).equals(condition.getKey())
                        && (lineage.tableOf(holder.entityType()).equals(access.table())
                                || lineage.onlyFeed(cache, access.table()))
                        && stillHeld(state, cache, holder)
                        && !keys.contains(holder.printed())) {
                    keys.add(holder.printed());
                    entity = holder.entityType();
                }
            }
        }
        return keys.isEmpty() ? PendingWrite.RowHolders.NONE : new PendingWrite.RowHolders(keys, entity);
    }

    private static boolean stillHeld(AuditView state, String cache, EntityIndex.Holder holder) {
        KeyHistory history = state.existingHistory(cache, holder.type(), holder.printed());
        return history != null
                && history.lastPutNanos() == holder.heldNanos()
                && state.holds(cache, holder.type(), holder.printed());
    }

    private void refilled(CachePut put, AuditView state) {
        Miss miss = misses.get(put.loadStartNanos());
        if (miss == null || !miss.cache.equals(put.cache()) || miss.firstReadNanos == 0) {
            // A load that read nothing through the recorded data source cannot have read the old rows there.
            return;
        }
        refills.stored(put.cache(), state.describe(put.key()), put.loadStartNanos(), miss.firstReadNanos);
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
        invalidations.recorded(cache, new Invalidation(key, site, txId, nanos));
    }

    private void judge(PendingWrites.Due<PendingWrite> due, AuditView state, FindingSink findings) {
        PendingWrite write = due.write();
        if (seenByEntityRecording(write) || covered(due) || !LineageFindings.couldBeStale(state, write)) {
            return;
        }
        Invalidation early = earlyInvalidation(write);
        if (early != null) {
            findings.report(report.evictedBeforeWrite(
                    write, early.nanos, early.site, refills.between(write, early.nanos, early.key)));
        } else {
            findings.report(report.uncovered(write, missed(due)));
        }
    }

    /**
     * Whether the statement is the flush of an entity write the JPA recording saw: the same table in the same unit of
     * work. A flush runs in the transaction of its write; outside any transaction only a write from the same site, close
     * in time, is one. Any entity write of the table within the window is not enough: a JDBC import next to a
     * repository save of another row (start-up seeding, say) would vanish with it.
     */
    private boolean seenByEntityRecording(PendingWrite write) {
        for (EntityWrite entity : entityWrites) {
            if (entity.table.equals(write.table)
                    && entity.sameUnitOfWork(write.txId, write.site, write.nanos, windowNanos)) {
                return true;
            }
        }
        return false;
    }

    /** The invalidations of the write's cache in its unit of work or its window; {@code null} when one cleared it. */
    private @Nullable List<Invalidation> relevant(PendingWrites.Due<PendingWrite> write) {
        List<Invalidation> relevant = new ArrayList<>();
        for (Invalidation invalidation : invalidations.of(write.write().cache)) {
            if (write.coveredBy(invalidation.txId, invalidation.nanos)) {
                if (invalidation.key == null) {
                    return null;
                }
                relevant.add(invalidation);
            }
        }
        return relevant;
    }

    /** The affected entries nothing invalidated, for the finding. */
    private List<PendingWrite.Entry> missed(PendingWrites.Due<PendingWrite> due) {
        List<Invalidation> relevant = relevant(due);
        if (relevant == null) {
            return List.of();
        }
        return due.write().affected.stream()
                .filter(entry -> relevant.stream().noneMatch(invalidation -> entry.matches(invalidation.key)))
                .toList();
    }

    private boolean covered(PendingWrites.Due<PendingWrite> due) {
        List<Invalidation> relevant = relevant(due);
        PendingWrite write = due.write();
        if (relevant == null) {
            return true;
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
        for (Invalidation invalidation : invalidations.of(write.cache)) {
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

    /** A cache miss being loaded, and when its load first read the database. */
    private static final class Miss {

        final String cache;

        final KeyDescriptor key;

        long firstReadNanos;

        Miss(String cache, KeyDescriptor key) {
            this.cache = cache;
            this.key = key;
        }
    }

    private record Invalidation(
            @Nullable List<String> key, @Nullable String site, long txId, long nanos) {}

    private record EntityWrite(String table, long txId, String site, long nanos) {

        boolean sameUnitOfWork(long statementTxId, String statementSite, long statementNanos, long windowNanos) {
            return statementTxId != 0
                    ? txId == statementTxId
                    : txId == 0 && site.equals(statementSite) && Math.abs(nanos - statementNanos) <= windowNanos;
        }
    }
}
