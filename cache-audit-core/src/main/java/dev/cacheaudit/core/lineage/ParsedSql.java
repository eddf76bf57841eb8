package dev.cacheaudit.core.lineage;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a statement does, reduced to what lineage uses: no text and no values, only the operation, the tables and the
 * columns compared or assigned, each to a parameter position or a literal.
 *
 * @param operation what the statement does
 * @param tables the tables it reads or writes
 */
public record ParsedSql(Operation operation, List<TableAccess> tables) {

    public ParsedSql {
        tables = List.copyOf(tables);
    }

    /** Whether the statement changes rows. */
    public boolean write() {
        return operation == Operation.INSERT
                || operation == Operation.UPDATE
                || operation == Operation.DELETE
                || operation == Operation.MERGE;
    }

    /** What a statement does. */
    public enum Operation {
        SELECT,
        INSERT,
        UPDATE,
        DELETE,
        MERGE,
        OTHER
    }

    /**
     * One table a statement touches.
     *
     * @param table the table name, lower-case, without schema or quotes
     * @param written whether the statement changes its rows
     * @param conditions columns compared for equality in the statement's condition ({@code WHERE id = ?}), by lower-case
     *     column name; for a query, only those qualified by this table or unqualified in a single-table query
     * @param assignments columns assigned ({@code SET parent_id = ?}, the columns of an {@code INSERT})
     */
    public record TableAccess(
            String table, boolean written, Map<String, Operand> conditions, Map<String, Operand> assignments) {

        public TableAccess {
            conditions = Map.copyOf(conditions);
            assignments = Map.copyOf(assignments);
        }
    }

    /**
     * The right-hand side of a comparison or assignment: a placeholder or a literal.
     *
     * @param parameter the zero-based placeholder position, or {@code -1} for a literal
     * @param literal the literal as written, unquoted, or {@code null} for a placeholder or an expression
     * @param ignoresCase whether both sides were compared in one letter case ({@code upper(email) = upper(?)}), so the
     *     column's value equals this value only up to letter case
     */
    public record Operand(int parameter, @Nullable String literal, boolean ignoresCase) {

        public Operand(int parameter, @Nullable String literal) {
            this(parameter, literal, false);
        }

        /** The same operand, compared with the column in one letter case. */
        public Operand ignoringCase() {
            return new Operand(parameter, literal, true);
        }

        /** Whether a printed value, such as a key component, is the value of the column this operand is compared with. */
        public boolean matches(@Nullable String value, String other) {
            return value != null && (ignoresCase ? value.equalsIgnoreCase(other) : value.equals(other));
        }

        /** A placeholder at a zero-based position. */
        public static Operand parameter(int index) {
            return new Operand(index, null);
        }

        /** A literal value. */
        public static Operand literal(String text) {
            return new Operand(-1, text);
        }

        /** The printed value given the statement's parameters, or {@code null} when unknown. */
        public @Nullable String value(List<@Nullable Object> parameters) {
            if (parameter >= 0) {
                Object value = parameter < parameters.size() ? parameters.get(parameter) : null;
                return value != null ? String.valueOf(value) : null;
            }
            return literal;
        }
    }

    /** A table name as lineage compares it: lower-case, no schema, no quotes. */
    public static String normalise(String table) {
        String name = table.trim();
        int dot = name.lastIndexOf('.');
        if (dot >= 0) {
            name = name.substring(dot + 1);
        }
        return name.replace("\"", "")
                .replace("`", "")
                .replace("[", "")
                .replace("]", "")
                .toLowerCase(Locale.ROOT);
    }
}
