package dev.cacheaudit.core.cause;

import dev.cacheaudit.core.detect.Detector;
import dev.cacheaudit.core.detect.FindingSink;
import dev.cacheaudit.core.engine.Ticker;
import dev.cacheaudit.core.event.CacheClear;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.CacheEvict;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.DeclaredOperations;
import dev.cacheaudit.core.event.EntityHeld;
import dev.cacheaudit.core.event.SourceWrite;
import dev.cacheaudit.core.event.SqlStatement;
import dev.cacheaudit.core.event.TxBoundary;
import dev.cacheaudit.core.finding.Cause;
import dev.cacheaudit.core.finding.FindingStore;
import dev.cacheaudit.core.finding.Observation;
import dev.cacheaudit.core.fleet.Fleet;
import dev.cacheaudit.core.fleet.FleetMessage;
import dev.cacheaudit.core.keys.KeyDescriptor;
import dev.cacheaudit.core.keys.KeyRedactor;
import dev.cacheaudit.core.keys.KeyShape;
import dev.cacheaudit.core.lineage.Lineage;
import dev.cacheaudit.core.lineage.ParsedSql;
import dev.cacheaudit.core.lineage.SqlParser;
import dev.cacheaudit.core.state.AuditState;
import dev.cacheaudit.core.state.KeyHistory;
import dev.cacheaudit.core.verify.StaleExplainer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Remembers, on the engine thread and within fixed bounds, what a cause needs — the writes of what each cache holds
 * (entity writes here, statements seen through JDBC, writes other instances of the fleet committed), the invalidations
 * of each cache, the story of each entry since it was loaded, and the findings raised — and tells, when verification
 * finds an entry stale, what made it so ({@link StaleExplainer}). When no write that the application or its fleet made
 * explains the change, and writes of that data would have been seen, the change was made outside the application:
 * {@code FOREIGN_WRITE} on the database.
 */
public final class StaleCauses implements Detector, StaleExplainer {

    private static final int MAX_TRAILS = 10_000;

    private static final int MAX_CACHES = 1024;

    private static final int WRITES_PER_CACHE = 64;

    private static final int INVALIDATIONS_PER_CACHE = 64;

    private static final int MAX_OPEN_TRANSACTIONS = 10_000;

    private final KeyRedactor redactor;

    private final Lineage lineage;

    private final @Nullable SqlParser parser;

    private final @Nullable Fleet fleet;

    private final String instance;

    private final Clock clock;

    private final Ticker ticker;

    private final long windowNanos;

    private final Links links;

    private final Map<Entry, Trail> trails = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Entry, Trail> eldest) {
            return size() > MAX_TRAILS;
        }
    };

    /** Writes of each cache's entities and tables, and writes other instances committed (under {@code ""}). */
    private final Map<String, ArrayDeque<SeenWrite>> writes = bounded();

    private final Map<String, ArrayDeque<Invalidated>> invalidations = bounded();

    private final Map<Long, List<SeenWrite>> open = new LinkedHashMap<>();

    /**
     * The last entity write of each table (its transaction and time): a statement that writes the same table in the
     * same unit of work is that write's flush, already seen with its entity and its site.
     */
    private final Map<String, long[]> entityWriteByTable = bounded();

    /** Entity class names each cache holds, declared or learned from the values it stores (simple names then). */
    private final Map<String, Set<String>> entities = bounded();

    /**
     * @param redactor shows key shapes as configured
     * @param lineage the tables feeding each cache
     * @param parser parses statements seen through JDBC, or {@code null} when they are not recorded
     * @param fleet the fleet this instance belongs to, or {@code null}
     * @param instance this instance's name, as the fleet knows it
     * @param findings the findings, to link a stale entry to the finding that explains it
     * @param clock the wall clock the causes' times are told in
     * @param ticker the monotonic time the audit runs on
     * @param window how long after a write (or its commit) an invalidation still covers it
     */
    public StaleCauses(
            KeyRedactor redactor,
            Lineage lineage,
            @Nullable SqlParser parser,
            @Nullable Fleet fleet,
            String instance,
            FindingStore findings,
            Clock clock,
            Ticker ticker,
            Duration window) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.lineage = Objects.requireNonNull(lineage, "lineage");
        this.parser = parser;
        this.fleet = fleet;
        this.instance = fleet != null ? fleet.instance() : Objects.requireNonNull(instance, "instance");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.windowNanos = window.toNanos();
        this.links = new Links(findings, windowNanos);
        if (fleet != null) {
            fleet.onWrite(this::heard);
        }
    }

    /** Takes note of a finding just raised (engine thread): it may explain a stale entry, earlier or later. */
    public void observed(Observation observation) {
        links.observed(observation, ticker.nanoTime());
    }

    @Override
    public void on(CacheEvent event, AuditState state, FindingSink findings) {
        if (event instanceof CachePut put) {
            put(put, state);
        } else if (event instanceof CacheEvict evict) {
            evicted(evict, state);
        } else if (event instanceof CacheClear clear) {
            invalidated(clear.cache(), new Invalidated("clear", "all entries", clear.site(), "unknown", clear.nanos()));
        } else if (event instanceof SourceWrite write) {
            written(write, state);
        } else if (event instanceof SqlStatement statement) {
            statement(statement);
        } else if (event instanceof TxBoundary boundary) {
            ended(boundary);
        } else if (event instanceof DeclaredOperations declared) {
            for (DeclaredOperations.Holding holding : declared.holdings()) {
                entities.computeIfAbsent(holding.cache(), c -> new LinkedHashSet<>())
                        .add(holding.entity());
            }
        } else if (event instanceof EntityHeld held && !held.entities().isEmpty()) {
            Set<String> known = entities.computeIfAbsent(held.cache(), c -> new LinkedHashSet<>());
            if (known.isEmpty()) {
                known.add(held.entities().get(0).type());
            }
        }
    }

    @Override
    public void onTick(long nowNanos, AuditState state, FindingSink findings) {
        links.unexplained(nowNanos, findings::report);
    }

    private void put(CachePut put, AuditState state) {
        KeyDescriptor key = state.describe(put.key());
        String printed = key.printed();
        String type = key.type();
        Entry entry = new Entry(put.cache(), type, printed);
        if (put.loadStartNanos() != 0) {
            // A new value: the entry's story starts again with its load.
            Trail previous = trails.get(entry);
            Trail trail = new Trail(put.loadStartNanos(), put.site());
            trail.refill = previous != null
                    && previous.evictNanos != 0
                    && put.loadStartNanos() - previous.evictNanos <= windowNanos;
            trails.put(entry, trail);
        } else {
            Trail trail = trails.computeIfAbsent(entry, e -> new Trail(0, null));
            trail.step(put.nanos(), "put" + by(put.site()));
            trail.held = true;
            invalidated(put.cache(), new Invalidated("put", shape(key), put.site(), "replaced", put.nanos()));
        }
    }

    private void evicted(CacheEvict evict, AuditState state) {
        KeyDescriptor key = state.describe(evict.key());
        String printed = key.printed();
        String type = key.type();
        Trail trail = trails.get(new Entry(evict.cache(), type, printed));
        String removed;
        if (trail != null) {
            removed = trail.held ? "removed" : "removed nothing";
            trail.step(evict.nanos(), "evict" + by(evict.site()) + " (" + removed + ")");
            trail.held = false;
            trail.evictNanos = evict.nanos();
        } else {
            KeyHistory history = state.existingHistory(evict.cache(), type, printed);
            removed = history == null || history.puts() == 0 ? "removed nothing" : "unknown";
        }
        Invalidated invalidation = new Invalidated("evict", shape(key), evict.site(), removed, evict.nanos());
        invalidation.txId = evict.tx().txId();
        invalidated(evict.cache(), invalidation);
    }

    private void invalidated(String cache, Invalidated invalidation) {
        add(invalidations.computeIfAbsent(cache, c -> new ArrayDeque<>()), invalidation, INVALIDATIONS_PER_CACHE);
    }

    private void written(SourceWrite write, AuditState state) {
        if (state.repeatedWrite()) {
            return;
        }
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
        record(seen, cachesOf(write.entity(), state));
        entityWriteByTable.put(
                lineage.tableOf(write.entity()), new long[] {write.tx().txId(), write.nanos()});
    }

    /**
     * The caches an entity's writes may leave stale: those that hold it (declared, or learned from the values they
     * store) and those its table feeds, such as caches of DTOs built from its rows.
     */
    private Set<String> cachesOf(String entity, AuditState state) {
        Set<String> caches = new LinkedHashSet<>(state.cachesHolding(entity));
        String simple = simpleName(entity);
        entities.forEach((cache, held) -> {
            if (held.contains(entity) || held.contains(simple)) {
                caches.add(cache);
            }
        });
        String table = lineage.tableOf(entity);
        for (String cache : lineage.caches()) {
            if (lineage.tables(cache).stream().anyMatch(feed -> feed.table().equals(table))) {
                caches.add(cache);
            }
        }
        return caches;
    }

    private void statement(SqlStatement statement) {
        SqlParser sql = parser;
        if (sql == null || statement.inLoad() || !mayWrite(statement.sql())) {
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
            Set<String> caches = new LinkedHashSet<>();
            for (String cache : lineage.caches()) {
                if (lineage.tables(cache).stream().anyMatch(feed -> feed.table().equals(access.table()))) {
                    caches.add(cache);
                }
            }
            // Caches of the entity mapped to the table, though this instance's loads never read it.
            entities.forEach((cache, held) -> {
                if (held.stream().anyMatch(entity -> lineage.tableOf(entity).equals(access.table()))) {
                    caches.add(cache);
                }
            });
            if (caches.isEmpty()) {
                continue;
            }
            List<String> values = new ArrayList<>();
            access.conditions().values().forEach(operand -> addValue(values, operand, statement));
            access.assignments().values().forEach(operand -> addValue(values, operand, statement));
            boolean named = parsed.operation() != ParsedSql.Operation.UPDATE
                    || !access.conditions().isEmpty();
            SeenWrite seen = new SeenWrite(
                    "table " + access.table(),
                    null,
                    null,
                    named ? values : List.of(),
                    statement.site(),
                    instance,
                    statement.tx().txId(),
                    statement.nanos());
            record(seen, caches);
            if (statement.tx().txId() == 0) {
                announce(seen);
            }
        }
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

    /** Whether the statement is the flush of an entity write seen in the same unit of work (same table). */
    private boolean flushOfEntityWrite(String table, SqlStatement statement) {
        long[] entity = entityWriteByTable.get(table);
        if (entity == null) {
            return false;
        }
        long txId = statement.tx().txId();
        return txId != 0 ? entity[0] == txId : Math.abs(statement.nanos() - entity[1]) <= windowNanos;
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
        int end = Math.min(head.length(), 8);
        String verb = head.substring(0, end).toLowerCase(java.util.Locale.ROOT);
        return verb.startsWith("update")
                || verb.startsWith("insert")
                || verb.startsWith("delete")
                || verb.startsWith("merge")
                || verb.startsWith("upsert")
                || verb.startsWith("replace");
    }

    private void record(SeenWrite seen, Iterable<String> caches) {
        boolean any = false;
        for (String cache : caches) {
            add(writes.computeIfAbsent(cache, c -> new ArrayDeque<>()), seen, WRITES_PER_CACHE);
            any = true;
        }
        if (any && seen.txId != 0 && (open.size() < MAX_OPEN_TRANSACTIONS || open.containsKey(seen.txId))) {
            open.computeIfAbsent(seen.txId, id -> new ArrayList<>()).add(seen);
        }
    }

    private void ended(TxBoundary boundary) {
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
    private void heard(FleetMessage message, long writeNanos) {
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
        add(writes.computeIfAbsent("", c -> new ArrayDeque<>()), seen, WRITES_PER_CACHE);
    }

    @Override
    public @Nullable Cause explain(
            String cache, String keyType, String printedKey, long staleSinceNanos, long nowNanos, FindingSink sink) {
        Entry entry = new Entry(cache, keyType, printedKey);
        Trail trail = trails.get(entry);
        long loaded = trail != null ? trail.loadNanos : 0;
        // Writes from shortly before the load count too: the load may have raced the writer or read a lagging
        // replica, and a change the application made so close to it is never taken for a foreign one.
        long from = loaded == 0 ? Long.MIN_VALUE : loaded - windowNanos;
        // The write that made the entry stale came before a check first found it so; later ones only kept it stale.
        SeenWrite last = lastWrite(cache, printedKey, from, staleSinceNanos, true);
        if (last == null) {
            // A write of the same entity or table that names no entry this key shows (another attribute, say).
            last = lastWrite(cache, printedKey, from, staleSinceNanos, false);
        }
        if (last == null) {
            // Heard late (a fleet message on its way, clocks a little apart): still a write, never a foreign one.
            last = lastWrite(cache, printedKey, from, nowNanos, false);
        }
        Invalidated followed = last != null ? followed(cache, last) : null;
        List<Step> steps = new ArrayList<>(trail != null ? trail.steps : List.of());
        if (last != null) {
            steps.add(new Step(
                    last.effectiveNanos,
                    "write " + last.shortSite() + " (" + last.outcome
                            + (last.instance.equals(instance) ? "" : ", instance " + last.instance) + ")"));
            if (followed == null) {
                steps.add(new Step(last.effectiveNanos, "no eviction"));
            } else if (trail == null || !trail.has(followed.nanos)) {
                steps.add(new Step(
                        followed.nanos,
                        followed.operation + " '" + followed.key + "'" + by(followed.site) + " (" + followed.removed
                                + ")"));
            }
        }
        steps.add(new Step(staleSinceNanos, "stale read"));
        List<String> timeline = Timeline.of(steps, loaded);
        Cause cause = new Cause(
                null,
                null,
                last != null ? write(last, nowNanos) : null,
                followed != null ? invalidation(followed) : null,
                timeline);
        if (last == null) {
            Observation foreign = foreignWrite(cache, printedKey, staleSinceNanos, nowNanos);
            if (foreign != null) {
                sink.report(foreign);
                return links.link(cause, foreign);
            }
            return new Cause(Cause.NO_WRITE_SEEN, null, null, null, timeline);
        }
        return links.explain(cache, cause, last.site, last.effectiveNanos);
    }

    private @Nullable SeenWrite lastWrite(String cache, String printedKey, long from, long to, boolean naming) {
        SeenWrite last = null;
        String fingerprint = null;
        Fleet member = fleet;
        if (member != null) {
            List<String> variables = KeyShape.of(printedKey).variables();
            fingerprint = member.fingerprintOf(variables.size() == 1 ? variables.get(0) : printedKey);
        }
        List<SeenWrite> candidates = new ArrayList<>(writes.getOrDefault(cache, new ArrayDeque<>()));
        Set<String> held = entities.getOrDefault(cache, Set.of());
        List<String> tables =
                lineage.tables(cache).stream().map(Lineage.Feed::table).toList();
        for (SeenWrite other : writes.getOrDefault("", new ArrayDeque<>())) {
            String name = other.table() ? other.what.substring(Fleet.TABLE_PREFIX.length()) : "";
            boolean table = other.table()
                    && (tables.contains(name)
                            || held.stream().anyMatch(e -> lineage.tableOf(e).equals(name)));
            if (table
                    || held.contains(other.what)
                    || held.contains(simpleName(other.what))
                    || tables.contains(lineage.tableOf(other.what))) {
                candidates.add(other);
            }
        }
        for (SeenWrite write : candidates) {
            if (write.outcome.equals(SeenWrite.ROLLED_BACK)
                    || write.effectiveNanos < from
                    || write.effectiveNanos > to
                    || (naming && !write.names(printedKey, fingerprint))) {
                continue;
            }
            if (last == null || write.effectiveNanos >= last.effectiveNanos) {
                last = write;
            }
        }
        return last;
    }

    private @Nullable Invalidated followed(String cache, SeenWrite write) {
        for (Invalidated invalidation : invalidations.getOrDefault(cache, new ArrayDeque<>())) {
            if (invalidation.nanos >= write.nanos || (write.txId != 0 && invalidation.txId == write.txId)) {
                return invalidation;
            }
        }
        return null;
    }

    /**
     * {@code FOREIGN_WRITE} on the database, when writes of the entry's data would have been seen: the cache's entity is
     * known (repository and flush writes of it are recorded) or, with statements recorded through JDBC, its tables
     * are.
     */
    private @Nullable Observation foreignWrite(String cache, String printedKey, long staleNanos, long nowNanos) {
        Set<String> held = entities.getOrDefault(cache, Set.of());
        List<String> tables =
                lineage.tables(cache).stream().map(Lineage.Feed::table).toList();
        boolean jdbcSeen = parser != null;
        if (!jdbcSeen || (held.isEmpty() && tables.isEmpty())) {
            return null;
        }
        return ForeignWrites.observation(
                cache,
                held,
                tables,
                redactor.redact(printedKey, KeyShape.of(printedKey)),
                clock.instant().minusNanos(Math.max(0, nowNanos - staleNanos)),
                Duration.ofNanos(windowNanos),
                fleet != null);
    }

    private Cause.Write write(SeenWrite write, long nowNanos) {
        return new Cause.Write(
                write.what,
                write.site,
                write.instance,
                write.outcome,
                clock.instant().minusNanos(Math.max(0, nowNanos - write.effectiveNanos)));
    }

    private static Cause.Invalidation invalidation(Invalidated invalidation) {
        return new Cause.Invalidation(
                invalidation.operation, invalidation.key, invalidation.site, invalidation.removed);
    }

    /** A key as a timeline shows it: its shape, or only its type for an object or composite key. */
    private String shape(KeyDescriptor key) {
        return key.simpleValue() ? redactor.shape(key.shape().shape()) : key.type() + "{…}";
    }

    static String by(@Nullable String site) {
        return site != null ? " " + shortSite(site) : "";
    }

    /** A site without its package: {@code OrderService#ship(long)}. */
    static String shortSite(String site) {
        int hash = site.indexOf('#');
        int dot = site.lastIndexOf('.', hash < 0 ? site.length() : hash);
        return dot >= 0 ? site.substring(dot + 1) : site;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static <T> void add(ArrayDeque<T> deque, T item, int max) {
        if (deque.size() >= max) {
            deque.pollFirst();
        }
        deque.addLast(item);
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_CACHES;
            }
        };
    }

    private record Entry(String cache, String type, String printed) {}

    /** One step of an entry's story. */
    record Step(long nanos, String text) {}
}
