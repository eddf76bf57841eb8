package dev.cacheaudit.core.cause;

import dev.cacheaudit.core.Ticker;
import dev.cacheaudit.core.event.SourceWrite;
import dev.cacheaudit.core.event.SqlStatement;
import dev.cacheaudit.core.event.TxBoundary;
import dev.cacheaudit.core.fleet.Fleet;
import dev.cacheaudit.core.fleet.FleetMessage;
import dev.cacheaudit.core.lineage.Lineage;
import dev.cacheaudit.core.lineage.ParsedSql;
import dev.cacheaudit.core.lineage.SqlParser;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The application's writes, as the cause of a stale entry may have been: entity writes here, statements seen through
 * JDBC, writes other instances of the fleet committed. Kept twice, within fixed bounds: by the caches they may leave
 * stale, and by the table they changed, whatever cache that table was known to feed at the time. Engine thread only.
 */
final class WriteLog {

    static final int MAX_CACHES = 1024;

    private static final int WRITES_PER_CACHE = 64;

    private static final int MAX_OPEN_TRANSACTIONS = 10_000;

    /** Where the writes other instances committed are kept: they name no cache. */
    private static final String FLEET = "";

    private final Lineage lineage;

    private final @Nullable SqlParser parser;

    private final @Nullable Fleet fleet;

    private final String instance;

    private final Clock clock;

    private final Ticker ticker;

    private final long windowNanos;

    private final Map<String, ArrayDeque<SeenWrite>> byCache = bounded();

    private final Map<String, ArrayDeque<SeenWrite>> byTable = bounded();

    private final Map<Long, List<SeenWrite>> open = new LinkedHashMap<>();

    /** The last entity write of each table: a statement of the same unit of work is its flush, seen with its entity. */
    private final Map<String, SeenWrite> entityWriteByTable = bounded();

    /** Entity class names each cache holds, declared or learned from the values it stores (simple names then). */
    private final Map<String, Set<String>> entities = bounded();

    WriteLog(
            Lineage lineage,
            @Nullable SqlParser parser,
            @Nullable Fleet fleet,
            String instance,
            Clock clock,
            Ticker ticker,
            long windowNanos) {
        this.lineage = lineage;
        this.parser = parser;
        this.fleet = fleet;
        this.instance = instance;
        this.clock = clock;
        this.ticker = ticker;
        this.windowNanos = windowNanos;
    }

    /** Whether statements are recorded through JDBC: then a write of any table a cache reads would be seen. */
    boolean statementsSeen() {
        return parser != null;
    }

    void holds(String cache, String entity) {
        entities.computeIfAbsent(cache, c -> new LinkedHashSet<>()).add(entity);
    }

    /** Learns the entity a cache holds from its first value that holds one. */
    void holdsFirst(String cache, String entity) {
        Set<String> known = entities.computeIfAbsent(cache, c -> new LinkedHashSet<>());
        if (known.isEmpty()) {
            known.add(entity);
        }
    }

    Set<String> held(String cache) {
        return entities.getOrDefault(cache, Set.of());
    }

    /** The tables whose change would change what a cache holds: those its loads read and those of its entities. */
    Set<String> tablesOf(String cache) {
        Set<String> tables = new LinkedHashSet<>();
        lineage.tables(cache).forEach(feed -> tables.add(feed.table()));
        held(cache).forEach(entity -> tables.add(lineage.tableOf(entity)));
        return tables;
    }

    void written(SourceWrite write, Set<String> holdingCaches) {
        String id = write.id() != null ? String.valueOf(write.id()) : null;
        SeenWrite seen = new SeenWrite(
                write.entity(),
                id,
                null,
                List.of(),
                write.site(),
                instance,
                write.tx().txId(),
                write.nanos());
        String table = lineage.tableOf(write.entity());
        Set<String> caches = new LinkedHashSet<>(holdingCaches);
        String simple = simpleName(write.entity());
        entities.forEach((cache, held) -> {
            if (held.contains(write.entity()) || held.contains(simple)) {
                caches.add(cache);
            }
        });
        // Caches its table feeds, such as caches of DTOs built from its rows.
        caches.addAll(cachesFedBy(table));
        record(seen, table, caches);
        entityWriteByTable.put(table, seen);
    }

    void statement(SqlStatement statement) {
        SqlParser sql = parser;
        if (sql == null || !mayWrite(statement.sql())) {
            return;
        }
        ParsedSql parsed;
        try {
            parsed = sql.parse(statement.sql());
        } catch (RuntimeException ex) {
            return;
        }
        if (parsed == null || !parsed.write()) {
            return;
        }
        for (ParsedSql.TableAccess access : parsed.tables()) {
            if (!access.written() || flushOfEntityWrite(access.table(), statement)) {
                continue;
            }
            Set<String> caches = cachesFedBy(access.table());
            // Caches of the entity mapped to the table, though this instance's loads never read it.
            entities.forEach((cache, held) -> {
                if (held.stream().anyMatch(entity -> lineage.tableOf(entity).equals(access.table()))) {
                    caches.add(cache);
                }
            });
            List<String> values = new ArrayList<>();
            access.conditions().values().forEach(operand -> addValue(values, operand, statement));
            access.assignments().values().forEach(operand -> addValue(values, operand, statement));
            boolean named = parsed.operation() != ParsedSql.Operation.UPDATE
                    || !access.conditions().isEmpty();
            SeenWrite seen = new SeenWrite(
                    Fleet.TABLE_PREFIX + access.table(),
                    null,
                    null,
                    named ? values : List.of(),
                    statement.site(),
                    instance,
                    statement.tx().txId(),
                    statement.nanos());
            record(seen, access.table(), caches);
            if (statement.tx().txId() == 0 && !caches.isEmpty()) {
                announce(seen);
            }
        }
    }

    void ended(TxBoundary boundary) {
        List<SeenWrite> ended = open.remove(boundary.txId());
        if (ended == null) {
            return;
        }
        for (SeenWrite write : ended) {
            write.outcome = switch (boundary.outcome()) {
                case COMMITTED -> SeenWrite.COMMITTED;
                case ROLLED_BACK -> SeenWrite.ROLLED_BACK;
                case UNKNOWN -> "ended, outcome unknown";
            };
            write.effectiveNanos = boundary.nanos();
            if (boundary.outcome() == TxBoundary.Outcome.COMMITTED) {
                announce(write);
            }
        }
    }

    /** A write another instance committed (engine thread, from the fleet's detector). */
    void heard(FleetMessage message, long writeNanos) {
        SeenWrite seen = new SeenWrite(
                message.entity(),
                null,
                message.idFingerprint(),
                List.of(),
                message.site(),
                message.instance(),
                0,
                writeNanos);
        seen.outcome = SeenWrite.COMMITTED;
        String table = seen.table() ? seen.what.substring(Fleet.TABLE_PREFIX.length()) : lineage.tableOf(seen.what);
        record(seen, table, List.of(FLEET));
    }

    /**
     * The writes that may have changed a cache's entries: its own, and those other instances committed of its entities
     * or tables.
     */
    List<SeenWrite> of(String cache) {
        List<SeenWrite> candidates = new ArrayList<>(byCache.getOrDefault(cache, new ArrayDeque<>()));
        Set<String> held = held(cache);
        Set<String> tables = tablesOf(cache);
        for (SeenWrite other : byCache.getOrDefault(FLEET, new ArrayDeque<>())) {
            String what = other.what;
            boolean table = other.table() && tables.contains(what.substring(Fleet.TABLE_PREFIX.length()));
            if (table
                    || held.contains(what)
                    || held.contains(simpleName(what))
                    || tables.contains(lineage.tableOf(what))) {
                candidates.add(other);
            }
        }
        return candidates;
    }

    /**
     * The application's writes of these tables still in flight (their transaction open) or effective since
     * {@code fromNanos}, whichever cache they were recorded for: a change of the tables may be one of them.
     */
    List<SeenWrite> ofTables(Collection<String> tables, long fromNanos) {
        List<SeenWrite> found = new ArrayList<>();
        for (String table : tables) {
            for (SeenWrite write : byTable.getOrDefault(table, new ArrayDeque<>())) {
                if (write.outcome.equals(SeenWrite.OPEN) || write.effectiveNanos >= fromNanos) {
                    found.add(write);
                }
            }
        }
        return found;
    }

    private void record(SeenWrite seen, String table, Collection<String> caches) {
        for (String cache : caches) {
            add(byCache.computeIfAbsent(cache, c -> new ArrayDeque<>()), seen);
        }
        add(byTable.computeIfAbsent(table, t -> new ArrayDeque<>()), seen);
        if (seen.outcome.equals(SeenWrite.OPEN)
                && (open.size() < MAX_OPEN_TRANSACTIONS || open.containsKey(seen.txId))) {
            open.computeIfAbsent(seen.txId, id -> new ArrayList<>()).add(seen);
        }
    }

    private Set<String> cachesFedBy(String table) {
        Set<String> caches = new LinkedHashSet<>();
        for (String cache : lineage.caches()) {
            if (lineage.tables(cache).stream().anyMatch(feed -> feed.table().equals(table))) {
                caches.add(cache);
            }
        }
        return caches;
    }

    /**
     * Whether the statement is the flush of an entity write seen in the same unit of work (same table): the same
     * transaction or, outside any, the same site close in time. Any entity write of the table within the window is not
     * enough: a JDBC import right after a repository save of other rows would vanish with it.
     */
    private boolean flushOfEntityWrite(String table, SqlStatement statement) {
        SeenWrite entity = entityWriteByTable.get(table);
        if (entity == null) {
            return false;
        }
        long txId = statement.tx().txId();
        if (txId != 0) {
            return entity.txId == txId;
        }
        return entity.txId == 0
                && entity.site.equals(statement.site())
                && Math.abs(statement.nanos() - entity.nanos) <= windowNanos;
    }

    /** Tells the other instances of a table this one changed, so that they never take it for a foreign write. */
    private void announce(SeenWrite write) {
        Fleet member = fleet;
        if (member != null && write.table()) {
            long ageMillis = Math.max(0, (ticker.nanoTime() - write.effectiveNanos) / 1_000_000);
            member.announceTableWrite(
                    write.what.substring(Fleet.TABLE_PREFIX.length()), write.site, clock.millis() - ageMillis);
        }
    }

    private static void addValue(List<String> values, ParsedSql.Operand operand, SqlStatement statement) {
        String value = operand.value(statement.parameters());
        if (value != null && values.size() < 16) {
            values.add(value);
        }
    }

    /** Whether a statement may change rows; queries, the bulk of statements, are not parsed again. */
    private static boolean mayWrite(String sql) {
        String head = sql.stripLeading();
        String verb = head.substring(0, Math.min(head.length(), 8)).toLowerCase(Locale.ROOT);
        return verb.startsWith("update")
                || verb.startsWith("insert")
                || verb.startsWith("delete")
                || verb.startsWith("merge")
                || verb.startsWith("upsert")
                || verb.startsWith("replace");
    }

    static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static void add(ArrayDeque<SeenWrite> deque, SeenWrite item) {
        if (deque.size() >= WRITES_PER_CACHE) {
            deque.pollFirst();
        }
        deque.addLast(item);
    }

    static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_CACHES;
            }
        };
    }
}
