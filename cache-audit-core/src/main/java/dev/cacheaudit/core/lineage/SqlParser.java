package dev.cacheaudit.core.lineage;

import org.jspecify.annotations.Nullable;

/**
 * Parses statement text into what lineage needs. Called on the engine thread only; implementations cache by statement
 * text, bounded.
 */
@FunctionalInterface
public interface SqlParser {

    /** The statement's operation and tables, or {@code null} when it cannot be parsed. */
    @Nullable
    ParsedSql parse(String sql);
}
