package dev.cacheaudit.core.event;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A statement the application ran through JDBC, handed over as it was run; the engine parses it and keeps only the
 * tables, the columns, the operation and redacted key values. Statements that cannot matter (a query outside any cache
 * load) are never handed over.
 *
 * @param sql the statement text, as the application passed it to the driver
 * @param parameters the values bound to its placeholders, in order; values of other than plain types (streams, large
 *     objects) are {@code null}
 * @param site the method or first application frame that ran it
 * @param loadStartNanos when the cache load the statement runs in began (its miss), or {@code 0} outside a load
 * @param tx the transaction state of the running thread
 * @param nanos when it completed
 */
public record SqlStatement(
        String sql, List<@Nullable Object> parameters, String site, long loadStartNanos, TxState tx, long nanos)
        implements CacheEvent {

    public SqlStatement {
        parameters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
    }

    /** Whether it ran while a cache miss loaded its value. */
    public boolean inLoad() {
        return loadStartNanos != 0;
    }
}
