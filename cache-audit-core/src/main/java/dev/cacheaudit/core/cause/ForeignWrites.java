package dev.cacheaudit.core.cause;

import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code FOREIGN_WRITE} of data a cache holds, changed in the database by something other than the application. */
final class ForeignWrites {

    private ForeignWrites() {}

    /**
     * @param cache the cache holding the stale entry
     * @param entities the entity classes the cache holds, when known
     * @param tables the tables feeding it, when known
     * @param key the stale entry's key, redacted
     * @param firstStale when the entry was first seen stale
     * @param window how far before that no write was seen
     * @param fleet whether the writes of other instances were heard too
     */
    static Observation observation(
            String cache,
            Collection<String> entities,
            List<String> tables,
            String key,
            Instant firstStale,
            Duration window,
            boolean fleet) {
        List<String> what = new ArrayList<>();
        entities.forEach(entity -> what.add(entity.substring(entity.lastIndexOf('.') + 1)));
        String subject = !what.isEmpty() ? String.join("/", what) : "data of table " + String.join(", ", tables);
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("source", "database");
        if (!entities.isEmpty()) {
            evidence.put("entity", String.join(",", entities));
        }
        if (!tables.isEmpty()) {
            evidence.put("tables", String.join(",", tables));
        }
        evidence.put("firstSeenStale", firstStale.toString());
        evidence.put("seenBy", fleet ? "every instance of the fleet" : "this instance");
        return new Observation(
                FindingKind.FOREIGN_WRITE,
                cache,
                "database|" + String.join(",", entities) + "|" + String.join(",", tables),
                subject + " cached in '" + cache + "' changed outside this application (another service, a batch job,"
                        + " SQL): an entry was found stale at " + firstStale
                        + ", and no repository, flush or JDBC write"
                        + " of it was seen on " + evidence.get("seenBy") + " since it was loaded",
                key,
                null,
                List.of(),
                evidence);
    }
}
