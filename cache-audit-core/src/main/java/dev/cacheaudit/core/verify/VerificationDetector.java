package dev.cacheaudit.core.verify;

import dev.cacheaudit.core.detect.Detector;
import dev.cacheaudit.core.detect.FindingSink;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.CacheEvict;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.CacheRead;
import dev.cacheaudit.core.event.SourceWrite;
import dev.cacheaudit.core.event.VerificationOutcome;
import dev.cacheaudit.core.event.VerificationOutcome.Outcome;
import dev.cacheaudit.core.event.VerificationOutcome.Reason;
import dev.cacheaudit.core.finding.Cause;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Observation;
import dev.cacheaudit.core.internal.state.AuditView;
import dev.cacheaudit.core.internal.state.KeyHistory;
import dev.cacheaudit.core.keys.KeyDescriptor;
import dev.cacheaudit.core.keys.KeyRedactor;
import dev.cacheaudit.core.keys.KeyShape;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Decides, on the engine thread, which entries to verify and when, and turns outcomes into findings:
 *
 * <ul>
 *   <li>a sample of cache hits is checked at once;
 *   <li>an entry written, evicted or refilled through write-through is checked at each configured window after it;
 *   <li>an entry refilled shortly after it was invalidated is checked at once: a refill that is already stale, and
 *       still is when the grace period is over, is a {@code STALE_SET} (the load raced the writer, or read a lagging
 *       replica);
 *   <li>an entry found stale is checked again when the grace period after the write (or after it was first seen stale)
 *       is over; still stale then, it is a {@code STALE_READ}, with the names of the differing fields and how long it
 *       has been stale. A difference that is gone by then was only in flight and is not reported.
 * </ul>
 */
public final class VerificationDetector implements Detector {

    private static final int MAX_STALE = 10_000;

    private final VerificationSettings settings;

    private final VerificationWorker worker;

    private final VerificationStats stats;

    private final KeyRedactor redactor;

    private final double hitProbability;

    private final StaleExplainer explainer;

    private final long graceNanos;

    private final long lastWindowNanos;

    private final Map<String, Stale> stale = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Stale> eldest) {
            return size() > MAX_STALE;
        }
    };

    /**
     * @param settings what to verify and when
     * @param worker runs the checks
     * @param stats counts the outcomes
     * @param redactor shows keys as configured
     * @param hitEventRate the fraction of hits the recording layer hands over as events
     */
    public VerificationDetector(
            VerificationSettings settings,
            VerificationWorker worker,
            VerificationStats stats,
            KeyRedactor redactor,
            double hitEventRate) {
        this(settings, worker, stats, redactor, hitEventRate, StaleExplainer.NONE);
    }

    /**
     * @param settings what to verify and when
     * @param worker runs the checks
     * @param stats counts the outcomes
     * @param redactor shows keys as configured
     * @param hitEventRate the fraction of hits the recording layer hands over as events
     * @param explainer tells what made an entry stale, for the findings' cause
     */
    public VerificationDetector(
            VerificationSettings settings,
            VerificationWorker worker,
            VerificationStats stats,
            KeyRedactor redactor,
            double hitEventRate,
            StaleExplainer explainer) {
        this.explainer = java.util.Objects.requireNonNull(explainer, "explainer");
        this.settings = settings;
        this.worker = worker;
        this.stats = stats;
        this.redactor = redactor;
        this.hitProbability = hitEventRate <= 0 ? 0 : Math.min(1, settings.sampleRate() / hitEventRate);
        this.graceNanos = settings.grace().toNanos();
        this.lastWindowNanos = settings.lastWindow().toNanos();
    }

    @Override
    public void on(CacheEvent event, AuditView state, FindingSink findings) {
        if (event instanceof VerificationOutcome outcome) {
            outcome(outcome, findings);
        } else if (event instanceof CacheRead read && read.hit()) {
            if (hitProbability > 0 && ThreadLocalRandom.current().nextDouble() < hitProbability) {
                schedule(target(read.cache(), state.describe(read.key()), read.key()), Reason.SAMPLE, 0, 0, 0);
            }
        } else if (event instanceof CacheEvict evict) {
            KeyDescriptor key = state.describe(evict.key());
            // The entry is gone: whatever was stale in it is no longer served; its next value is checked afresh.
            stale.remove(evict.cache() + "|" + key.type() + "|" + key.printed());
            afterWrite(target(evict.cache(), key, evict.key()), evict.nanos());
            sameKeyOfAnotherType(evict, key, state);
        } else if (event instanceof CachePut put) {
            put(put, state);
        } else if (event instanceof SourceWrite write && write.id() != null && !state.repeatedWrite()) {
            written(write, state);
        }
    }

    /**
     * An eviction under a key this cache never held ({@code "42"}) while it holds one that prints the same under
     * another type ({@code 42L}): the entry still served is that one, so it is the one checked after the write. Without
     * this, the checks of the eviction could only find nothing cached, and the stale entry would go unchecked.
     */
    private void sameKeyOfAnotherType(CacheEvict evict, KeyDescriptor key, AuditView state) {
        KeyHistory evicted = state.existingHistory(evict.cache(), key);
        if (evicted == null || evicted.puts() != 0 || evicted.reads() != 0) {
            return;
        }
        for (AuditView.IdentifiedKey other : state.keysOf(evict.cache(), key.printed())) {
            String type = other.shape().type();
            KeyHistory held = state.existingHistory(evict.cache(), type, other.printed());
            if (!type.equals(key.type()) && other.printed().equals(key.printed()) && held != null && held.puts() > 0) {
                afterWrite(new CheckTarget(evict.cache(), type, other.printed(), null), evict.nanos());
            }
        }
    }

    private void put(CachePut put, AuditView state) {
        KeyDescriptor key = state.describe(put.key());
        CheckTarget target = target(put.cache(), key, put.key());
        if (put.loadStartNanos() == 0) {
            afterWrite(target, put.nanos());
            return;
        }
        KeyHistory history = state.existingHistory(put.cache(), key);
        if (history != null
                && history.lastEvictNanos() != 0
                && put.nanos() - history.lastEvictNanos() <= lastWindowNanos) {
            schedule(target, Reason.REFILL, 0, 0, history.lastEvictNanos());
        }
    }

    private void written(SourceWrite write, AuditView state) {
        String id = String.valueOf(write.id());
        for (String cache : state.cachesHolding(write.entity())) {
            for (AuditView.IdentifiedKey key : state.keysOf(cache, id)) {
                if (state.existingHistory(cache, key.shape().type(), key.printed()) != null) {
                    afterWrite(new CheckTarget(cache, key.shape().type(), key.printed(), null), write.nanos());
                }
            }
        }
    }

    private void afterWrite(CheckTarget target, long writeNanos) {
        for (Duration window : settings.windows()) {
            schedule(target, Reason.AFTER_WRITE, writeNanos + window.toNanos(), window.toMillis(), writeNanos);
        }
    }

    private void schedule(CheckTarget target, Reason reason, long dueNanos, long windowMillis, long writeNanos) {
        if (!worker.canVerify(target)) {
            return;
        }
        long due = dueNanos == 0 ? worker.ticker().nanoTime() : dueNanos;
        if (!worker.schedule(new Check(target, reason, due, windowMillis, writeNanos, worker.ticker()))) {
            stats.skippedBeforeQueue();
        }
    }

    private void outcome(VerificationOutcome outcome, FindingSink findings) {
        stats.record(outcome);
        String id = outcome.cache() + "|" + outcome.keyType() + "|" + outcome.printedKey();
        if (outcome.outcome() == Outcome.FRESH) {
            Stale resolved = stale.remove(id);
            if (resolved != null) {
                stats.stale(outcome.cache(), Duration.ofNanos(outcome.nanos() - resolved.since));
            }
            return;
        }
        if (outcome.outcome() != Outcome.STALE) {
            return;
        }
        Stale entry = stale.computeIfAbsent(
                id,
                k -> new Stale(outcome.writeNanos() != 0 ? outcome.writeNanos() : outcome.nanos(), outcome.nanos()));
        long staleFor = outcome.nanos() - entry.since;
        if (outcome.reason() == Reason.REFILL && !entry.refilledStale) {
            // A refill found stale is only reported once the difference outlasts the grace period: another write
            // may have landed between the read of the cache and the read of the source.
            entry.refilledStale = true;
            entry.refillCheckedAfterMillis = Math.max(0, (outcome.nanos() - outcome.writeNanos()) / 1_000_000);
        }
        if (staleFor >= graceNanos) {
            stats.staleConfirmed(outcome.cache());
            Cause cause = null;
            if ((entry.refilledStale && !entry.setReported) || !entry.readReported) {
                cause = explainer.explain(
                        outcome.cache(),
                        outcome.keyType(),
                        outcome.printedKey(),
                        entry.firstSeenNanos,
                        outcome.nanos(),
                        findings);
            }
            if (entry.refilledStale && !entry.setReported) {
                entry.setReported = true;
                findings.report(withCause(staleSet(outcome, entry), cause));
            }
            if (!entry.readReported) {
                entry.readReported = true;
                stats.stale(outcome.cache(), Duration.ofNanos(staleFor));
                findings.report(withCause(staleRead(outcome, Duration.ofNanos(staleFor)), cause));
            }
        } else if (!entry.recheckScheduled) {
            entry.recheckScheduled = true;
            CheckTarget target = new CheckTarget(outcome.cache(), outcome.keyType(), outcome.printedKey(), null);
            schedule(target, Reason.RECHECK, entry.since + graceNanos, 0, entry.since);
        }
    }

    /**
     * The observation with its cause: its timeline and, when the write that made it stale is known, that write's site
     * among its sites.
     */
    private static Observation withCause(Observation observation, @Nullable Cause cause) {
        if (cause == null) {
            return observation;
        }
        Cause.Write write = cause.lastWrite();
        Observation shown = observation;
        if (write != null && !observation.sites().contains(write.site())) {
            List<String> sites = new java.util.ArrayList<>(observation.sites());
            sites.add(write.site());
            shown = new Observation(
                    observation.kind(),
                    observation.cache(),
                    observation.signature(),
                    observation.message(),
                    observation.readKey(),
                    observation.writeKey(),
                    sites,
                    observation.evidence(),
                    observation.confirmed());
        }
        return shown.withCause(cause);
    }

    /**
     * The differing paths as a message says them. A path ending in {@code []} is a collection whose elements differ as
     * a whole: which elements it holds or how many; alone it would read "differs in []".
     */
    static String shown(List<String> differingFields) {
        List<String> shown = new java.util.ArrayList<>(differingFields.size());
        for (String field : differingFields) {
            if (field.equals("[]")) {
                shown.add("the collection's elements (which or how many)");
            } else if (field.endsWith("[]")) {
                shown.add("the elements of " + field.substring(0, field.length() - 2) + " (which or how many)");
            } else {
                shown.add(field);
            }
        }
        return String.join(", ", shown);
    }

    private Observation staleRead(VerificationOutcome outcome, Duration staleFor) {
        Map<String, String> evidence = evidence(outcome);
        evidence.put("staleFor", staleFor.toString());
        evidence.put("grace", settings.grace().toString());
        String what = outcome.sourceHasNoEntry()
                ? "holds an entry, but the source of truth has no entry for this key any more: deleted, or the"
                        + " attribute it is keyed by changed; the entry was still cached after the "
                : "holds a value that differs from the source of truth in " + shown(outcome.differingFields())
                        + " and was still different after the ";
        return new Observation(
                FindingKind.STALE_READ,
                outcome.cache(),
                "stale|" + String.join(",", outcome.differingFields()),
                "cache '" + outcome.cache() + "' " + what + settings.grace() + " grace period (stale for "
                        + staleFor.toMillis() + " ms)",
                redactor.redact(outcome.printedKey(), KeyShape.of(outcome.printedKey())),
                null,
                List.of(),
                evidence);
    }

    private Observation staleSet(VerificationOutcome outcome, Stale entry) {
        Map<String, String> evidence = evidence(outcome);
        evidence.put("checkedBecause", "refill");
        evidence.put("refillCheckedAfterInvalidationMs", String.valueOf(entry.refillCheckedAfterMillis));
        return new Observation(
                FindingKind.STALE_SET,
                outcome.cache(),
                "stale-set|" + String.join(",", outcome.differingFields()),
                "cache '" + outcome.cache() + "' was refilled right after an invalidation with a value that already"
                        + " differed from the source of truth in " + shown(outcome.differingFields())
                        + ": the load read old data (a lagging replica, or a reader that raced the writer)",
                redactor.redact(outcome.printedKey(), KeyShape.of(outcome.printedKey())),
                null,
                List.of(),
                evidence);
    }

    private static Map<String, String> evidence(VerificationOutcome outcome) {
        Map<String, String> evidence = new LinkedHashMap<>();
        if (outcome.sourceHasNoEntry()) {
            evidence.put("sourceEntry", "none");
        } else {
            evidence.put("differingFields", String.join(",", outcome.differingFields()));
        }
        if (!outcome.notCompared().isEmpty()) {
            evidence.put("notCompared", String.join(",", outcome.notCompared()));
        }
        evidence.put("checkedBecause", outcome.reason().name().toLowerCase(java.util.Locale.ROOT));
        return evidence;
    }

    private static CheckTarget target(String cache, KeyDescriptor key, Object keyObject) {
        return new CheckTarget(cache, key.type(), key.printed(), keyObject);
    }

    private static final class Stale {

        final long since;

        boolean readReported;

        boolean setReported;

        boolean refilledStale;

        long refillCheckedAfterMillis;

        boolean recheckScheduled;

        /** When a check first found the entry stale. */
        final long firstSeenNanos;

        Stale(long since, long firstSeenNanos) {
            this.since = since;
            this.firstSeenNanos = firstSeenNanos;
        }
    }
}
