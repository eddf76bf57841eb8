package dev.cacheaudit.core.lineage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Which tables feed each cache: learned on the engine thread from the queries cache loads run, or configured. Read from
 * any thread (the report, the endpoint); each cache's tables are replaced as a whole, never changed in place.
 */
public final class Lineage {

    /** A lower-case letter or digit followed by a capital: where snake case puts an underscore. */
    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

    /** Where a table of a cache's lineage was learned. */
    public enum Source {
        /** From the queries its loads ran. */
        LOADS,
        /** From {@code cache-audit.caches.<name>.tables}. */
        CONFIGURATION
    }

    /**
     * One table feeding a cache.
     *
     * @param table the table name, normalised
     * @param keyColumns columns bound to a part of the cache key, with the zero-based position of that part among the
     *     key's components ({@code 0} for a plain key)
     * @param source where it was learned
     */
    public record Feed(String table, Map<String, Integer> keyColumns, Source source) {

        public Feed {
            keyColumns = Map.copyOf(keyColumns);
        }
    }

    private final int maxTablesPerCache;

    private final Map<String, Map<String, Feed>> byCache = new ConcurrentHashMap<>();

    private final Set<String> configured = ConcurrentHashMap.newKeySet();

    private final Map<String, String> entityTables = new ConcurrentHashMap<>();

    public Lineage(int maxTablesPerCache) {
        this.maxTablesPerCache = maxTablesPerCache;
    }

    /**
     * Fixes a cache's tables; loads then add nothing to it. Key columns of configured tables are still learned from the
     * loads.
     */
    public void configure(String cache, List<String> tables) {
        Map<String, Feed> feeds = new LinkedHashMap<>();
        for (String table : tables) {
            String name = ParsedSql.normalise(table);
            feeds.put(name, new Feed(name, Map.of(), Source.CONFIGURATION));
        }
        configured.add(cache);
        byCache.put(cache, Map.copyOf(feeds));
    }

    /** Notes that a load of the cache read the table, with the key columns it bound (engine thread). */
    void learned(String cache, String table, Map<String, Integer> keyColumns) {
        Map<String, Feed> current = byCache.getOrDefault(cache, Map.of());
        Feed known = current.get(table);
        if (known == null && (configured.contains(cache) || current.size() >= maxTablesPerCache)) {
            return;
        }
        Map<String, Integer> columns = new LinkedHashMap<>(known != null ? known.keyColumns() : Map.of());
        if (known != null && columns.entrySet().containsAll(keyColumns.entrySet())) {
            return;
        }
        columns.putAll(keyColumns);
        Map<String, Feed> next = new LinkedHashMap<>(current);
        next.put(table, new Feed(table, columns, known != null ? known.source() : Source.LOADS));
        byCache.put(cache, Map.copyOf(next));
    }

    /** The tables feeding a cache, by name. */
    public List<Feed> tables(String cache) {
        Map<String, Feed> feeds = byCache.getOrDefault(cache, Map.of());
        List<Feed> sorted = new ArrayList<>(feeds.values());
        sorted.sort(java.util.Comparator.comparing(Feed::table));
        return sorted;
    }

    /** The caches a table feeds, each with what lineage knows of that table for it. */
    Map<String, Feed> cachesFedBy(String table) {
        Map<String, Feed> caches = new LinkedHashMap<>();
        byCache.forEach((cache, feeds) -> {
            Feed feed = feeds.get(table);
            if (feed != null) {
                caches.put(cache, feed);
            }
        });
        return caches;
    }

    /** Every cache with a lineage, sorted. */
    public Set<String> caches() {
        return new TreeSet<>(byCache.keySet());
    }

    /** Tells which table an entity type is mapped to (from the JPA metamodel), so that its writes are seen once. */
    public void entityTable(String entity, String table) {
        String normalised = ParsedSql.normalise(table);
        entityTables.put(entity, normalised);
        // Cached values name their entities by simple class name (EntityHeld); the first mapping of a name wins.
        entityTables.putIfAbsent(entity.substring(entity.lastIndexOf('.') + 1), normalised);
    }

    /** The table an entity is mapped to: as told, otherwise its simple name in snake case. */
    public String tableOf(String entity) {
        String table = entityTables.get(entity);
        if (table != null) {
            return table;
        }
        return snakeCase(entity.substring(entity.lastIndexOf('.') + 1));
    }

    /** A Java name in snake case, as a table or column is commonly named after it ({@code parentId}: parent_id). */
    static String snakeCase(String name) {
        return CAMEL_HUMP.matcher(name).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
    }

    /** Whether the table is the only one feeding the cache: then every entity its values hold is a row of it. */
    boolean onlyFeed(String cache, String table) {
        Map<String, Feed> feeds = byCache.getOrDefault(cache, Map.of());
        return feeds.size() == 1 && feeds.containsKey(table);
    }
}
