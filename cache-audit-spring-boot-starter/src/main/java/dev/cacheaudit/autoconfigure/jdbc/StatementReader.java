package dev.cacheaudit.autoconfigure.jdbc;

import dev.cacheaudit.core.lineage.ParsedSql;
import dev.cacheaudit.core.lineage.ParsedSql.Operand;
import dev.cacheaudit.core.lineage.ParsedSql.Operation;
import dev.cacheaudit.core.lineage.ParsedSql.TableAccess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.statement.upsert.Upsert;
import net.sf.jsqlparser.util.TablesNamesFinder;
import org.jspecify.annotations.Nullable;

/**
 * Reduces a JSqlParser statement to what lineage uses: the operation, the tables, and per table the columns compared for
 * equality in {@code AND}-joined conditions and the columns assigned, each with its placeholder or literal.
 */
final class StatementReader {

    /** The functions that compare in one letter case. */
    private static final Set<String> CASE_FOLDS = Set.of("upper", "lower", "ucase", "lcase");

    private StatementReader() {}

    static @Nullable ParsedSql read(Statement statement) {
        if (statement instanceof Select select) {
            return query(select);
        }
        if (statement instanceof Update update) {
            Map<String, Operand> assignments = new LinkedHashMap<>();
            for (UpdateSet set : update.getUpdateSets()) {
                pair(set.getColumns(), set.getValues(), assignments);
            }
            return written(Operation.UPDATE, statement, update.getTable(), update.getWhere(), assignments);
        }
        if (statement instanceof Delete delete) {
            return written(Operation.DELETE, statement, delete.getTable(), delete.getWhere(), Map.of());
        }
        if (statement instanceof Insert insert) {
            return written(
                    Operation.INSERT,
                    statement,
                    insert.getTable(),
                    null,
                    values(insert.getColumns(), insert.getValues()));
        }
        if (statement instanceof Upsert upsert) {
            return written(
                    Operation.MERGE,
                    statement,
                    upsert.getTable(),
                    null,
                    values(upsert.getColumns(), upsert.getValues()));
        }
        if (statement instanceof Merge merge) {
            return written(Operation.MERGE, statement, merge.getTable(), null, Map.of());
        }
        return new ParsedSql(Operation.OTHER, List.of());
    }

    private static ParsedSql query(Select select) {
        Set<String> tables = tables(select);
        Map<String, Map<String, Operand>> conditions = new LinkedHashMap<>();
        if (select instanceof PlainSelect plain) {
            Map<String, String> aliases = new LinkedHashMap<>();
            alias(plain.getFromItem(), aliases);
            List<Join> joins = plain.getJoins() != null ? plain.getJoins() : List.of();
            for (Join join : joins) {
                alias(join.getRightItem(), aliases);
            }
            String only = tables.size() == 1 ? tables.iterator().next() : null;
            equalities(plain.getWhere(), aliases, only, true, conditions);
            for (Join join : joins) {
                for (Expression on : join.getOnExpressions()) {
                    equalities(on, aliases, only, true, conditions);
                }
            }
        }
        List<TableAccess> accesses = new ArrayList<>();
        for (String table : tables) {
            accesses.add(new TableAccess(table, false, conditions.getOrDefault(table, Map.of()), Map.of()));
        }
        return new ParsedSql(Operation.SELECT, accesses);
    }

    private static ParsedSql written(
            Operation operation,
            Statement statement,
            @Nullable Table target,
            @Nullable Expression where,
            Map<String, Operand> assignments) {
        if (target == null) {
            return new ParsedSql(operation, List.of());
        }
        String table = ParsedSql.normalise(target.getFullyQualifiedName());
        Map<String, String> aliases = new LinkedHashMap<>();
        alias(target, aliases);
        Map<String, Map<String, Operand>> conditions = new LinkedHashMap<>();
        equalities(where, aliases, table, false, conditions);
        List<TableAccess> accesses = new ArrayList<>();
        accesses.add(new TableAccess(table, true, conditions.getOrDefault(table, Map.of()), assignments));
        for (String other : tables(statement)) {
            if (!other.equals(table)) {
                accesses.add(new TableAccess(other, false, Map.of(), Map.of()));
            }
        }
        return new ParsedSql(operation, accesses);
    }

    private static Set<String> tables(Statement statement) {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (String name : new TablesNamesFinder<Void>().getTables(statement)) {
            names.add(ParsedSql.normalise(name));
        }
        return names;
    }

    private static void alias(@Nullable FromItem item, Map<String, String> aliases) {
        if (item instanceof Table table) {
            String name = ParsedSql.normalise(table.getFullyQualifiedName());
            aliases.put(name, name);
            if (table.getAlias() != null) {
                aliases.put(ParsedSql.normalise(table.getAlias().getName()), name);
            }
        }
    }

    /** Collects {@code column = operand} comparisons joined by {@code AND}; anything under an {@code OR} is left out. */
    /**
     * Collects the equalities of an {@code AND}-joined condition. With {@code foldedCase}, a comparison of both sides
     * in one letter case ({@code upper(c.email) = upper(?)}, as {@code findByEmailIgnoreCase} runs it) counts too: in
     * a query, such a column still tells which entry a load fills. Writes leave it out, so that a write naming its rows
     * that way is matched to the whole cache rather than to an entry whose key differs in letter case.
     */
    private static void equalities(
            @Nullable Expression expression,
            Map<String, String> aliases,
            @Nullable String only,
            boolean foldedCase,
            Map<String, Map<String, Operand>> into) {
        if (expression instanceof AndExpression and) {
            equalities(and.getLeftExpression(), aliases, only, foldedCase, into);
            equalities(and.getRightExpression(), aliases, only, foldedCase, into);
        } else if (expression instanceof Parenthesis parenthesis) {
            equalities(parenthesis.getExpression(), aliases, only, foldedCase, into);
        } else if (expression instanceof ExpressionList<?> list && list.size() == 1) {
            equalities(list.get(0), aliases, only, foldedCase, into);
        } else if (expression instanceof EqualsTo equals) {
            Expression left = equals.getLeftExpression();
            Expression right = equals.getRightExpression();
            Expression unfoldedLeft = foldedCase ? unfolded(left) : null;
            Expression unfoldedRight = foldedCase ? unfolded(right) : null;
            if (unfoldedLeft != null && unfoldedRight != null) {
                compared(unfoldedLeft, unfoldedRight, true, aliases, only, into);
                compared(unfoldedRight, unfoldedLeft, true, aliases, only, into);
            } else {
                compared(left, right, false, aliases, only, into);
                compared(right, left, false, aliases, only, into);
            }
        }
    }

    /** The argument of {@code upper(x)} or {@code lower(x)}, or {@code null} for any other expression. */
    private static @Nullable Expression unfolded(Expression expression) {
        if (expression instanceof Function function
                && function.getName() != null
                && CASE_FOLDS.contains(function.getName().toLowerCase(Locale.ROOT))
                && function.getParameters() != null
                && function.getParameters().size() == 1) {
            return function.getParameters().get(0);
        }
        return null;
    }

    private static void compared(
            Expression left,
            Expression right,
            boolean ignoresCase,
            Map<String, String> aliases,
            @Nullable String only,
            Map<String, Map<String, Operand>> into) {
        Operand operand = operand(right);
        if (!(left instanceof Column column) || operand == null) {
            return;
        }
        Table qualifier = column.getTable();
        String table = qualifier != null && qualifier.getName() != null
                ? aliases.get(ParsedSql.normalise(qualifier.getName()))
                : only;
        if (table != null) {
            into.computeIfAbsent(table, t -> new LinkedHashMap<>())
                    .put(columnName(column), ignoresCase ? operand.ignoringCase() : operand);
        }
    }

    private static Map<String, Operand> values(@Nullable List<Column> columns, @Nullable Values values) {
        Map<String, Operand> assignments = new LinkedHashMap<>();
        if (columns != null && values != null && values.getExpressions() != null) {
            pair(columns, values.getExpressions(), assignments);
        }
        return assignments;
    }

    /** Pairs columns with single-row values; rows of several values (multi-row inserts) are left out. */
    private static void pair(@Nullable List<Column> columns, @Nullable List<?> values, Map<String, Operand> into) {
        if (columns == null || values == null || columns.size() != values.size()) {
            return;
        }
        for (int i = 0; i < columns.size(); i++) {
            Operand operand = values.get(i) instanceof Expression value ? operand(value) : null;
            if (operand != null) {
                into.put(columnName(columns.get(i)), operand);
            }
        }
    }

    private static @Nullable Operand operand(Expression expression) {
        if (expression instanceof JdbcParameter parameter && parameter.getIndex() != null) {
            return Operand.parameter(parameter.getIndex() - 1);
        }
        if (expression instanceof LongValue value) {
            return Operand.literal(value.getStringValue());
        }
        if (expression instanceof StringValue value) {
            return Operand.literal(value.getValue());
        }
        if (expression instanceof DoubleValue value) {
            return Operand.literal(String.valueOf(value.getValue()));
        }
        return null;
    }

    private static String columnName(Column column) {
        return ParsedSql.normalise(column.getColumnName());
    }
}
