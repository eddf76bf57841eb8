package dev.cacheaudit.autoconfigure.jdbc;

import dev.cacheaudit.autoconfigure.support.CallSites;
import dev.cacheaudit.autoconfigure.support.Invocation;
import dev.cacheaudit.autoconfigure.support.TransactionProbe;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.SqlStatement;
import dev.cacheaudit.core.event.TxState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;
import org.jspecify.annotations.Nullable;

/**
 * Hands the statements that can matter to the engine: every statement that may change rows, and the queries run while
 * a cache miss loads. A query outside a load costs one thread-local read and a look at its first word. Nothing is
 * parsed here; only plain parameter values are handed over (no streams or large objects), and nothing is kept.
 * Public so that a data source the application builds with datasource-proxy itself can add it as a listener.
 */
public final class StatementRecorder implements QueryExecutionListener {

    /** Parameter sets of one batch handed over one by one; a larger batch is judged as touching whole caches. */
    static final int MAX_BATCH_ROWS = 64;

    private static final int MAX_TEXT_VALUE = 256;

    private final CacheAudit audit;

    private final TransactionProbe transactions;

    /**
     * @param audit where statements go
     * @param transactions tells the transaction state of a writing thread
     */
    public StatementRecorder(CacheAudit audit, TransactionProbe transactions) {
        this.audit = audit;
        this.transactions = transactions;
    }

    @Override
    public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {}

    @Override
    public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
        if (!execution.isSuccess()) {
            return;
        }
        try {
            record(queries);
        } catch (RuntimeException ex) {
            audit.recordingFailed("an SQL statement", ex);
        }
    }

    private void record(List<QueryInfo> queries) {
        Invocation invocation = Invocation.current();
        long loadStart = invocation != null ? invocation.loadStartNanos() : 0;
        String site = null;
        TxState tx = null;
        for (QueryInfo query : queries) {
            String sql = query.getQuery();
            if (sql == null || (loadStart == 0 && isQuery(sql))) {
                continue;
            }
            if (site == null) {
                site = invocation != null ? invocation.site() : CallSites.firstApplicationFrame();
                tx = transactions.current(false);
            }
            long now = audit.nanoTime();
            List<List<ParameterSetOperation>> sets = query.getParametersList();
            if (sets.isEmpty() || sets.size() > MAX_BATCH_ROWS) {
                audit.submit(new SqlStatement(sql, List.of(), site, loadStart, tx, now));
            } else {
                for (List<ParameterSetOperation> set : sets) {
                    audit.submit(new SqlStatement(sql, values(set), site, loadStart, tx, now));
                }
            }
        }
    }

    /** Whether the statement is a plain query by its first word: such a statement changes no rows. */
    static boolean isQuery(String sql) {
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    return false;
                }
                i = end + 2;
            } else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                if (end < 0) {
                    return false;
                }
                i = end + 1;
            } else {
                return sql.regionMatches(true, i, "select", 0, 6);
            }
        }
        return false;
    }

    private static List<@Nullable Object> values(List<ParameterSetOperation> set) {
        @Nullable Object[] values = new Object[set.size()];
        int highest = 0;
        for (ParameterSetOperation operation : set) {
            Object[] args = operation.getArgs();
            if (args == null || args.length < 2 || !(args[0] instanceof Integer index) || index < 1) {
                continue;
            }
            if (index > values.length) {
                values = Arrays.copyOf(values, index);
            }
            values[index - 1] = ParameterSetOperation.isSetNullParameterOperation(operation) ? null : plain(args[1]);
            highest = Math.max(highest, index);
        }
        List<@Nullable Object> list = new ArrayList<>(highest);
        for (int i = 0; i < highest; i++) {
            list.add(values[i]);
        }
        return list;
    }

    private static @Nullable Object plain(@Nullable Object value) {
        if (value instanceof Number
                || value instanceof Boolean
                || value instanceof Character
                || value instanceof java.util.UUID
                || value instanceof Enum<?>) {
            return value;
        }
        if (value instanceof CharSequence text) {
            return text.length() <= MAX_TEXT_VALUE ? text.toString() : null;
        }
        return null;
    }
}
