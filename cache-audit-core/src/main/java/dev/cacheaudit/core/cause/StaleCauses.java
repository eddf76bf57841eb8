package dev.cacheaudit.core.cause;

import dev.cacheaudit.core.Ticker;
import dev.cacheaudit.core.detect.Detector;
import dev.cacheaudit.core.detect.FindingSink;
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
import dev.cacheaudit.core.internal.state.AuditView;
import dev.cacheaudit.core.internal.state.EntityIndex;
import dev.cacheaudit.core.keys.KeyRedactor;
import dev.cacheaudit.core.keys.KeyShape;
import dev.cacheaudit.core.lineage.Lineage;
import dev.cacheaudit.core.lineage.SqlParser;
import dev.cacheaudit.core.listen.AuditListener;
import dev.cacheaudit.core.verify.StaleExplainer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Tells, when verification finds an entry stale, what made it so ({@link StaleExplainer}), from what the engine thread
 * fed it: the application's writes ({@link WriteLog}), each entry's story and each cache's invalidations
 * ({@link EntryStories}) and the findings raised ({@link Links}). When no write that the application or its fleet made
 * explains the change, and writes of that data would have been seen, the change was made outside the application:
 * {@code FOREIGN_WRITE} on the database.
 */
public final class StaleCauses implements Detector, StaleExplainer, AuditListener {

    private final KeyRedactor redactor;

    private final Lineage lineage;

    private final @Nullable Fleet fleet;

    private final String instance;

    private final Clock clock;

    private final Ticker ticker;

    private final long windowNanos;

    private final Links links;

    private final WriteLog writes;

    private final EntryStories stories;

    /** Caches whose values tell which entities they hold ({@link EntityHeld}): the entity index knows their entries. */
    private final Set<String> tracked = new HashSet<>();

    private @Nullable EntityIndex entityIndex;

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
        this.fleet = fleet;
        this.instance = fleet != null ? fleet.instance() : Objects.requireNonNull(instance, "instance");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.windowNanos = window.toNanos();
        this.links = new Links(findings, windowNanos);
        this.writes = new WriteLog(lineage, parser, fleet, this.instance, clock, ticker, windowNanos);
        this.stories = new EntryStories(redactor, windowNanos);
        if (fleet != null) {
            fleet.onWrite(writes::heard);
        }
    }

    /**
     * Takes note of every observation, the stale ones' own included (engine thread): each is a link that a stale entry,
     * earlier or later, may name as its cause.
     */
    @Override
    public void onObservation(Observation observation) {
        links.observed(observation, ticker.nanoTime());
    }

    @Override
    public void on(CacheEvent event, AuditView state, FindingSink findings) {
        entityIndex = state.entities();
        if (event instanceof CachePut put) {
            stories.put(put, state);
        } else if (event instanceof CacheEvict evict) {
            stories.evicted(evict, state);
        } else if (event instanceof CacheClear clear) {
            stories.cleared(clear);
        } else if (event instanceof SourceWrite write) {
            if (!state.repeatedWrite()) {
                writes.written(write, state.cachesHolding(write.entity()));
            }
        } else if (event instanceof SqlStatement statement) {
            writes.statement(statement);
        } else if (event instanceof TxBoundary boundary) {
            writes.ended(boundary);
        } else if (event instanceof DeclaredOperations declared) {
            declared.holdings().forEach(holding -> writes.holds(holding.cache(), holding.entity()));
        } else if (event instanceof EntityHeld held && !held.entities().isEmpty()) {
            if (tracked.size() < WriteLog.MAX_CACHES) {
                tracked.add(held.cache());
            }
            writes.holdsFirst(held.cache(), held.entities().get(0).type());
        }
    }

    @Override
    public void onTick(long nowNanos, AuditView state, FindingSink findings) {
        links.unexplained(nowNanos, findings::report);
    }

    @Override
    public @Nullable Cause explain(
            String cache, String keyType, String printedKey, long staleSinceNanos, long nowNanos, FindingSink sink) {
        Trail trail = stories.trail(cache, keyType, printedKey);
        long loaded = trail != null ? trail.loadNanos : 0;
        // Writes from shortly before the load count too: the load may have raced the writer or read a lagging
        // replica, and a change the application made so close to it is never taken for a foreign one. A refill may
        // have read the old rows of a write from before the eviction it followed.
        long from = loaded == 0 ? Long.MIN_VALUE : loaded - windowNanos;
        if (trail != null && trail.refilledAfterNanos != 0) {
            from = Math.min(from, trail.refilledAfterNanos - windowNanos);
        }
        Stale stale = new Stale(cache, keyType, printedKey, fingerprint(printedKey));
        // The write that made the entry stale came before a check first found it so; later ones only kept it stale.
        SeenWrite last = lastWrite(stale, from, staleSinceNanos, true);
        if (last == null) {
            // A write of the same entity or table that names no entry this key shows (another attribute, say).
            last = lastWrite(stale, from, staleSinceNanos, false);
        }
        if (last == null) {
            // Heard late (a fleet message on its way, clocks a little apart): still a write, never a foreign one.
            last = lastWrite(stale, from, nowNanos, false);
        }
        Invalidated followed = last != null ? stories.followed(cache, last) : null;
        List<String> timeline = Timeline.of(steps(trail, last, followed, staleSinceNanos), loaded);
        if (last == null) {
            Observation foreign =
                    foreignWrite(stale, Math.min(from, staleSinceNanos - windowNanos), staleSinceNanos, nowNanos);
            if (foreign != null) {
                sink.report(foreign);
                return links.link(new Cause(null, null, null, null, timeline), foreign);
            }
            return new Cause(Cause.NO_WRITE_SEEN, null, null, null, timeline);
        }
        Cause cause = new Cause(
                null, null, write(last, nowNanos), followed != null ? invalidation(followed) : null, timeline);
        return links.explain(cache, cause, last.site, last.effectiveNanos);
    }

    private List<Timeline.Step> steps(
            @Nullable Trail trail, @Nullable SeenWrite last, @Nullable Invalidated followed, long staleSinceNanos) {
        // The stale read comes last: a check may have raced the write and the invalidation that followed it (it found
        // the entry stale between a write and an eviction that removed nothing), and what came after is no cause.
        long end = staleSinceNanos;
        if (last != null) {
            end = Math.max(end, last.effectiveNanos);
            end = followed != null ? Math.max(end, followed.nanos) : end;
        }
        List<Timeline.Step> steps = new ArrayList<>();
        if (trail != null) {
            for (Timeline.Step step : trail.steps) {
                if (step.nanos() <= end) {
                    steps.add(step);
                }
            }
        }
        if (last != null) {
            steps.add(new Timeline.Step(
                    last.effectiveNanos,
                    "write " + last.shortSite() + " (" + last.outcome
                            + (last.instance.equals(instance) ? "" : ", instance " + last.instance) + ")"));
            if (followed == null) {
                steps.add(new Timeline.Step(last.effectiveNanos, "no eviction"));
            } else if (trail == null || !trail.has(followed.nanos)) {
                steps.add(new Timeline.Step(
                        followed.nanos,
                        followed.operation + " '" + followed.key + "'" + Sites.by(followed.site) + " ("
                                + followed.removed + ")"));
            }
        }
        steps.add(new Timeline.Step(end, "stale read"));
        return steps;
    }

    private @Nullable SeenWrite lastWrite(Stale stale, long from, long to, boolean naming) {
        SeenWrite last = null;
        for (SeenWrite write : writes.of(stale.cache)) {
            if (write.outcome.equals(SeenWrite.ROLLED_BACK)
                    || write.effectiveNanos < from
                    || write.effectiveNanos > to
                    || (naming ? !write.names(stale.printedKey, stale.fingerprint) : ofAnotherEntry(stale, write))) {
                continue;
            }
            if (last == null || write.effectiveNanos >= last.effectiveNanos) {
                last = write;
            }
        }
        return last;
    }

    /**
     * Whether the write is of an entity the stale entry does not hold: its identifier is known, and the cache's values
     * tell which entities they hold, the entry's among them. A write of the entity the entry holds under another key
     * (its code, say) is not.
     */
    private boolean ofAnotherEntry(Stale stale, SeenWrite write) {
        EntityIndex index = entityIndex;
        if (write.id == null || index == null || !tracked.contains(stale.cache)) {
            return false;
        }
        return index.holders(stale.cache, write.id).stream()
                .noneMatch(holder -> holder.printed().equals(stale.printedKey)
                        && holder.type().equals(stale.keyType));
    }

    /**
     * {@code FOREIGN_WRITE} on the database, when writes of the entry's data would have been seen (statements are
     * recorded through JDBC and the cache's entities or tables are known) and none of the application's is
     * unaccounted for: no write of those tables, by any path and for any cache, in flight, or effective since
     * {@code fromNanos} (the window before the load, or before the entry was first found stale) unless the entity index
     * proves it wrote another entity. A statement naming other values is not proof: it may select rows by a column no
     * key shows. A false foreign write costs as much as a missed one.
     */
    private @Nullable Observation foreignWrite(Stale stale, long fromNanos, long staleNanos, long nowNanos) {
        Set<String> held = writes.held(stale.cache);
        Set<String> tables = writes.tablesOf(stale.cache);
        if (!writes.statementsSeen() || tables.isEmpty()) {
            return null;
        }
        for (SeenWrite write : writes.ofTables(tables, fromNanos)) {
            boolean inFlight = write.outcome.equals(SeenWrite.OPEN);
            if (inFlight || (!write.outcome.equals(SeenWrite.ROLLED_BACK) && !ofAnotherEntry(stale, write))) {
                return null;
            }
        }
        return ForeignWrites.observation(
                stale.cache,
                held,
                lineage.tables(stale.cache).stream().map(Lineage.Feed::table).toList(),
                redactor.redact(stale.printedKey, KeyShape.of(stale.printedKey)),
                clock.instant().minusNanos(Math.max(0, nowNanos - staleNanos)),
                Duration.ofNanos(windowNanos),
                fleet != null);
    }

    /** The fleet's fingerprint of what identifies the entry: its one variable, or the whole key. */
    private @Nullable String fingerprint(String printedKey) {
        Fleet member = fleet;
        if (member == null) {
            return null;
        }
        List<String> variables = KeyShape.of(printedKey).variables();
        return member.fingerprintOf(variables.size() == 1 ? variables.get(0) : printedKey);
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

    /** The stale entry being explained. */
    private record Stale(
            String cache,
            String keyType,
            String printedKey,
            @Nullable String fingerprint) {}
}
