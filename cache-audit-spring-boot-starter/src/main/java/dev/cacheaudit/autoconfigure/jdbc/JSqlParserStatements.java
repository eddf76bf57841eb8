package dev.cacheaudit.autoconfigure.jdbc;

import dev.cacheaudit.core.lineage.ParsedSql;
import dev.cacheaudit.core.lineage.SqlParser;
import java.util.LinkedHashMap;
import java.util.Map;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.statement.Statement;
import org.jspecify.annotations.Nullable;

/**
 * Parses statements with JSqlParser, caching the outcome per statement text (bounded, least recently used out). The
 * cache is keyed by two hashes and the length of the text, so the text itself is never kept. Runs on the engine thread
 * only.
 */
public final class JSqlParserStatements implements SqlParser {

    private static final ParsedSql UNPARSABLE = new ParsedSql(ParsedSql.Operation.OTHER, java.util.List.of());

    private final Map<TextKey, ParsedSql> parsed;

    /** @param capacity how many distinct statements to remember */
    public JSqlParserStatements(int capacity) {
        this.parsed = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<TextKey, ParsedSql> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public synchronized @Nullable ParsedSql parse(String sql) {
        TextKey key = TextKey.of(sql);
        ParsedSql known = parsed.get(key);
        if (known == null) {
            known = parseNow(sql);
            parsed.put(key, known);
        }
        return known == UNPARSABLE ? null : known;
    }

    /** How many statements are remembered. */
    public synchronized int size() {
        return parsed.size();
    }

    private static ParsedSql parseNow(String sql) {
        try {
            // The engine thread parses itself: CCJSqlParserUtil.parse would hand each statement to a timeout thread.
            Statement statement = CCJSqlParserUtil.newParser(sql)
                    .withAllowComplexParsing(true)
                    .Statement();
            ParsedSql result = statement != null ? StatementReader.read(statement) : null;
            return result != null ? result : UNPARSABLE;
        } catch (ParseException | RuntimeException | StackOverflowError ex) {
            return UNPARSABLE;
        }
    }

    private record TextKey(long fnv, int hash, int length) {

        static TextKey of(String text) {
            long fnv = 0xcbf29ce484222325L;
            for (int i = 0; i < text.length(); i++) {
                fnv ^= text.charAt(i);
                fnv *= 0x100000001b3L;
            }
            return new TextKey(fnv, text.hashCode(), text.length());
        }
    }
}
