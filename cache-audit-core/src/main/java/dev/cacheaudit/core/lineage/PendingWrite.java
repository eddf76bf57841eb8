package dev.cacheaudit.core.lineage;

import dev.cacheaudit.core.event.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A statement's write to a table that feeds a cache, waiting for its unit of work to end and the coverage window to
 * pass. Holds the key values the statement names, never the statement.
 */
final class PendingWrite {

    final String cache;

    final String table;

    final ParsedSql.Operation operation;

    final String site;

    final long txId;

    final long nanos;

    /** The entries the statement names by key column; empty when it names none (the whole cache is affected). */
    final List<Entry> affected;

    /** The key columns the statement names, for the evidence. */
    final List<String> keyColumns;

    /** Whether rows moved to another key value, leaving an entry the statement cannot name nor the entity tell. */
    final boolean moved;

    /**
     * The entries, among {@link #affected}, found because the value cached under them holds the row the statement
     * names by its identifier (the list of the parent a moved row left, say); empty when none was found that way.
     */
    final List<Entry> heldBy;

    /** The entity type of the row those entries hold, or {@code null} when {@link #heldBy} is empty. */
    final @Nullable String entity;

    private PendingWrite(
            String cache,
            String table,
            ParsedSql.Operation operation,
            String site,
            long txId,
            long nanos,
            List<Entry> affected,
            List<String> keyColumns,
            boolean moved,
            List<Entry> heldBy,
            @Nullable String entity) {
        this.cache = cache;
        this.table = table;
        this.operation = operation;
        this.site = site;
        this.txId = txId;
        this.nanos = nanos;
        this.affected = List.copyOf(affected);
        this.keyColumns = List.copyOf(keyColumns);
        this.moved = moved;
        this.heldBy = List.copyOf(heldBy);
        this.entity = entity;
    }

    /** The write of one statement to one cache, or {@code null} when the statement cannot affect any of its entries. */
    static @Nullable PendingWrite of(
            String cache,
            Lineage.Feed feed,
            ParsedSql.Operation operation,
            ParsedSql.TableAccess access,
            SqlStatement statement,
            RowHolders holders) {
        if (operation == ParsedSql.Operation.INSERT && insertsOutsideEveryKey(feed, access)) {
            return null;
        }
        List<Entry> affected = new ArrayList<>(2);
        List<String> named = new ArrayList<>(2);
        boolean moved = false;
        boolean whole = feed.keyColumns().isEmpty();
        for (Map.Entry<String, Integer> column : feed.keyColumns().entrySet()) {
            String where = value(access.conditions().get(column.getKey()), statement);
            String set = value(access.assignments().get(column.getKey()), statement);
            if (operation == ParsedSql.Operation.UPDATE || operation == ParsedSql.Operation.DELETE) {
                if (where == null) {
                    whole |= set == null;
                    moved |= set != null;
                } else {
                    affected.add(new Entry(column.getValue(), where));
                }
                if (set != null) {
                    affected.add(new Entry(column.getValue(), set));
                }
            } else if (set != null || where != null) {
                affected.add(new Entry(column.getValue(), set != null ? set : where));
            } else {
                whole = true;
            }
            if (where != null || set != null) {
                named.add(column.getKey());
            }
        }
        if (whole) {
            affected.clear();
            moved = false;
        }
        List<Entry> heldBy = new ArrayList<>(holders.keys().size());
        if (!holders.keys().isEmpty() && (whole || moved)) {
            // The entity tells exactly which entries hold the row: they replace the whole cache, or the entry a moved
            // row left that the statement cannot name.
            for (String key : holders.keys()) {
                Entry entry = new Entry(0, key);
                if (!affected.contains(entry)) {
                    heldBy.add(entry);
                }
            }
            affected.addAll(heldBy);
            moved = false;
        }
        return new PendingWrite(
                cache,
                feed.table(),
                operation,
                statement.site(),
                statement.tx().txId(),
                statement.nanos(),
                affected,
                named,
                moved,
                heldBy,
                heldBy.isEmpty() ? null : holders.entity());
    }

    /**
     * Whether an {@code INSERT} leaves a key column of the cache to the database (a generated identifier, a default,
     * null): the new row then has a key value no entry was cached under, since it did not exist when the entries were
     * loaded, so it affects none of them. (A cached "not found" for an identifier the database hands out later is the
     * one case this misses.)
     */
    private static boolean insertsOutsideEveryKey(Lineage.Feed feed, ParsedSql.TableAccess access) {
        if (feed.keyColumns().isEmpty()) {
            return false;
        }
        for (String column : feed.keyColumns().keySet()) {
            if (!access.assignments().containsKey(column)
                    && !access.conditions().containsKey(column)) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable String value(ParsedSql.@Nullable Operand operand, SqlStatement statement) {
        return operand != null ? operand.value(statement.parameters()) : null;
    }

    /**
     * The entries of a cache whose values hold the row a statement names by its identifier, as the entity index knows
     * them when the statement runs.
     *
     * @param keys the printed keys of those entries (plain keys only)
     * @param entity the simple name of the entity type, or {@code null} when no entry holds the row
     */
    record RowHolders(List<String> keys, @Nullable String entity) {

        static final RowHolders NONE = new RowHolders(List.of(), null);

        RowHolders {
            keys = List.copyOf(keys);
        }
    }

    /**
     * One entry a statement names: the value of one key component.
     *
     * @param component the position of the value among the key's components
     * @param value the value, as it prints
     */
    record Entry(int component, String value) {

        boolean matches(@Nullable List<String> key) {
            return key != null && component < key.size() && Objects.equals(key.get(component), value);
        }
    }
}
