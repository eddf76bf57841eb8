package dev.cacheaudit.core.finding;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What made a cached entry stale, from the events recorded before it was found stale: the last write of what the entry
 * holds, the invalidation that followed it or not, the finding that explains it, and a short timeline of the entry.
 * Shapes, sites and times only; never a value or a raw key.
 *
 * @param causedBy the kind of the finding that explains the staleness ({@code UNCOVERED_WRITE}, {@code KEY_MISMATCH},
 *     ...), {@link #NO_WRITE_SEEN} when no write of the entry was seen, or {@code null} while a write was seen but no
 *     finding explains it yet
 * @param causedByFinding the {@link Finding#id() id} of that finding, or {@code null}
 * @param lastWrite the last write of the entry's entity or table seen before it was found stale, or {@code null}
 * @param invalidation the first invalidation of the cache that followed that write, or {@code null} when none did
 * @param timeline the entry's story, one step per element ({@code t+0 load}, {@code t+120ms write Orders#ship
 *     (committed)}, {@code no eviction}, {@code t+900ms stale read})
 */
public record Cause(
        @Nullable String causedBy,
        @Nullable String causedByFinding,
        @Nullable Write lastWrite,
        @Nullable Invalidation invalidation,
        List<String> timeline) {

    /** The {@code causedBy} of an entry whose change no write that this application (or its fleet) made explains. */
    public static final String NO_WRITE_SEEN = "no write seen";

    /** How the steps of a timeline are joined when printed on one line. */
    public static final String STEP_SEPARATOR = " · ";

    public Cause {
        timeline = List.copyOf(timeline);
    }

    /** The same cause, linked to the finding that explains it. */
    public Cause linkedTo(Finding finding) {
        return new Cause(finding.kind().name(), finding.id(), lastWrite, invalidation, timeline);
    }

    /** The timeline on one line. */
    public String timelineLine() {
        return String.join(STEP_SEPARATOR, timeline);
    }

    /** One sentence: what the last write was and what followed it. */
    public String summary() {
        Write write = lastWrite;
        if (write == null) {
            String text = "no write of this entry was seen in this application or its fleet";
            return FindingKind.FOREIGN_WRITE.name().equals(causedBy)
                    ? text + ": it was changed outside the application"
                    : text;
        }
        StringBuilder text = new StringBuilder("last write by ")
                .append(write.site())
                .append(" (")
                .append(write.transaction())
                .append(", instance ")
                .append(write.instance())
                .append(')');
        Invalidation followed = invalidation;
        if (followed == null) {
            text.append(", no invalidation followed");
        } else {
            text.append(", followed by ")
                    .append(followed.operation())
                    .append(" of ")
                    .append(followed.key())
                    .append(followed.site() != null ? " by " + followed.site() : "")
                    .append(" (")
                    .append(followed.removed())
                    .append(')');
        }
        if (causedBy != null) {
            text.append("; explained by ").append(causedBy);
        }
        return text.toString();
    }

    /**
     * A write of what a cached entry holds.
     *
     * @param what the entity class name, or {@code table <name>} for a statement seen through JDBC
     * @param site the write path ({@code class#method(args)})
     * @param instance the instance that wrote it
     * @param transaction how its transaction ended: {@code committed}, {@code rolled back}, {@code not committed yet}
     *     or {@code no transaction}
     * @param at when it was written (committed, when it ran in a transaction)
     */
    public record Write(String what, String site, String instance, String transaction, Instant at) {

        public Write {
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(instance, "instance");
            Objects.requireNonNull(transaction, "transaction");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * An invalidation of the cache after a write.
     *
     * @param operation {@code evict}, {@code put} (write-through) or {@code clear}
     * @param key the key it used, as a shape (never the raw key); {@code all entries} for a clear
     * @param site the code that ran it, when known
     * @param removed whether it removed anything: {@code removed}, {@code removed nothing}, or {@code unknown}
     */
    public record Invalidation(
            String operation, String key, @Nullable String site, String removed) {

        public Invalidation {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(removed, "removed");
        }
    }
}
