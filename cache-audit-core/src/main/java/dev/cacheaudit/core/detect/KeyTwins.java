package dev.cacheaudit.core.detect;

import dev.cacheaudit.core.event.EntityHeld;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Observation;
import dev.cacheaudit.core.internal.state.AuditView;
import dev.cacheaudit.core.internal.state.CacheProfile;
import dev.cacheaudit.core.internal.state.EntityIndex;
import dev.cacheaudit.core.internal.state.KeyHistory;
import dev.cacheaudit.core.internal.state.ShapeId;
import dev.cacheaudit.core.internal.state.ShapeStats;
import dev.cacheaudit.core.keys.KeyDescriptor;
import dev.cacheaudit.core.keys.KeyNormalisation;
import dev.cacheaudit.core.keys.KeyRedactor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Key mismatches that no key shape shows: a write whose key the cache does not hold while the cache holds the same
 * entry under a twin key — the same entity cached under another of its attributes (read by phone, evicted by id), or
 * the same value in another normal form (read as typed, {@code ADMIN@host}, evicted as stored, {@code admin@host}).
 *
 * <p>A sighting is judged a moment later, not at once: one {@code @Caching} may evict the twin right after, and a
 * design that evicts both forms is correct. It is reported only when the twin, stored before the write, is still held
 * when judged, so the write left it behind.
 */
final class KeyTwins {

    /** How long after a write its twin is judged: the other evictions of the same call have happened by then. */
    private static final long JUDGE_AFTER_NANOS = 250_000_000L;

    private static final int MAX_PENDING = 1000;

    private static final String[] NUMBER_TYPES = {"Long", "Integer", "String"};

    private final KeyRedactor redactor;

    private final Map<String, Pending> pending = new LinkedHashMap<>();

    KeyTwins(KeyRedactor redactor) {
        this.redactor = redactor;
    }

    /** An eviction or a put that no shape-based check explained. */
    void written(
            AuditView state,
            CacheProfile profile,
            KeyDescriptor written,
            @Nullable String site,
            boolean eviction,
            long nanos) {
        if (!written.simpleValue() || !unused(state, profile.name(), written, eviction)) {
            return;
        }
        Sighting sighting = new Sighting(profile.name(), written, site, eviction, nanos);
        normalTwins(state, profile.name(), written)
                .forEach((form, differences) ->
                        add(sighting.twin(form.type(), form.printed(), Reason.normal(differences))));
        if (eviction) {
            for (EntityIndex.Holder holder : state.entities().holders(profile.name(), written.printed())) {
                // A collection's elements are left out here: an eviction by another entity's identifier that happens
                // to equal an element's would read as a mismatch.
                if (holder.single()
                        && !holder.printed().equals(written.printed())
                        && readAndHeld(state, profile.name(), holder.type(), holder.printed())) {
                    String readBy = holder.keyAttribute() != null ? holder.keyAttribute() : "another attribute";
                    add(sighting.twin(
                            holder.type(),
                            holder.printed(),
                            Reason.attribute(readBy, holder.idAttribute(), holder.entityType())));
                }
            }
        }
    }

    /** A value stored: a put of a key no read uses, while a read key holds the same entity. */
    void held(AuditView state, CacheProfile profile, EntityHeld event, @Nullable String site) {
        KeyDescriptor written = state.describe(event.key());
        if (!written.simpleValue() || !unused(state, profile.name(), written, false)) {
            return;
        }
        Sighting sighting = new Sighting(profile.name(), written, site, false, event.nanos());
        for (EntityHeld.Entity entity : event.entities()) {
            for (EntityIndex.Holder holder : state.entities().holders(profile.name(), entity.id())) {
                if (!holder.printed().equals(written.printed())
                        && readAndHeld(state, profile.name(), holder.type(), holder.printed())) {
                    String readBy = holder.keyAttribute() != null ? holder.keyAttribute() : "another attribute";
                    String writtenBy = event.keyAttribute() != null ? event.keyAttribute() : "another attribute";
                    if (!readBy.equals(writtenBy)) {
                        add(sighting.twin(
                                holder.type(), holder.printed(), Reason.attribute(readBy, writtenBy, entity.type())));
                    }
                }
            }
        }
    }

    /** Judges the sightings old enough: those whose twin is still held become observations. */
    void judge(long nowNanos, AuditView state, Consumer<Observation> report) {
        Iterator<Pending> it = pending.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (nowNanos - p.nanos < JUDGE_AFTER_NANOS) {
                break;
            }
            it.remove();
            if (leftBehind(state, p)) {
                report.accept(observation(state, p));
            }
        }
    }

    /** The forms, read and still held, of the same value in another normal form, with how they differ from it. */
    private static Map<EntityIndex.Form, List<String>> normalTwins(
            AuditView state, String cache, KeyDescriptor written) {
        Map<EntityIndex.Form, List<String>> twins = new LinkedHashMap<>();
        String normal = KeyNormalisation.normalise(written.printed());
        List<EntityIndex.Form> forms = new ArrayList<>(state.entities().withNormalForm(cache, normal));
        for (String type : NUMBER_TYPES) {
            forms.add(new EntityIndex.Form(type, normal));
        }
        for (EntityIndex.Form form : forms) {
            if (form.printed().equals(written.printed())) {
                // The same text: another type is a KEY_TYPE_MISMATCH, the same type the same key.
                continue;
            }
            KeyDescriptor twin = KeyDescriptor.ofPrinted(form.type(), form.printed());
            List<String> differences = KeyNormalisation.differences(twin, written);
            if (!differences.isEmpty() && readAndHeld(state, cache, form.type(), form.printed())) {
                twins.put(form, differences);
            }
        }
        return twins;
    }

    /** Whether no read used the written key: for an eviction, nothing was ever read or stored under it. */
    private static boolean unused(AuditView state, String cache, KeyDescriptor written, boolean eviction) {
        KeyHistory history = state.existingHistory(cache, written);
        if (history == null) {
            return true;
        }
        return history.reads() == 0 && (!eviction || history.puts() == 0);
    }

    private static boolean readAndHeld(AuditView state, String cache, String type, String printed) {
        KeyHistory history = state.existingHistory(cache, type, printed);
        return history != null && history.reads() > 0 && state.holds(cache, type, printed);
    }

    private static boolean leftBehind(AuditView state, Pending p) {
        KeyHistory twin = state.existingHistory(p.cache, p.twinType, p.twinPrinted);
        if (twin == null || twin.lastPutNanos() >= p.nanos || !state.holds(p.cache, p.twinType, p.twinPrinted)) {
            return false;
        }
        // A put is a mismatch only while reads still never use its key.
        return p.eviction || unused(state, p.cache, p.written, false);
    }

    private void add(Pending p) {
        if (pending.size() >= MAX_PENDING) {
            return;
        }
        pending.putIfAbsent(
                p.cache + '\u0000' + p.written.type() + '\u0000' + p.written.printed() + '\u0000' + p.twinPrinted, p);
    }

    private Observation observation(AuditView state, Pending p) {
        String verb = p.eviction ? "evictions" : "puts";
        String message;
        String signature;
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("operation", p.eviction ? "evict" : "put");
        if (p.reason.differences != null) {
            String how = String.join(", ", p.reason.differences);
            message = verb + " of cache '" + p.cache + "' use keys that differ from the keys reads use by " + how
                    + ", so these " + verb + " never reach what reads cached: build both keys with one normalising"
                    + " function";
            signature = "normal:" + how;
            evidence.put("differences", how);
        } else {
            message = "reads key '" + p.cache + "' by " + p.reason.readBy + ", " + verb + " by " + p.reason.writtenBy
                    + " (" + p.reason.entityType + "), so these " + verb + " never reach what reads cached: key"
                    + " reads and " + verb + " by the same attribute, or invalidate every key the entity is cached"
                    + " under";
            signature = "attribute:" + p.reason.readBy + "|" + p.reason.writtenBy;
            evidence.put("readAttribute", p.reason.readBy);
            evidence.put("writeAttribute", p.reason.writtenBy);
            evidence.put("entity", p.reason.entityType);
        }
        KeyDescriptor read = KeyDescriptor.ofPrinted(p.twinType, p.twinPrinted);
        List<String> sites = new ArrayList<>();
        CacheProfile profile = state.existingProfile(p.cache);
        ShapeStats stats = profile != null ? profile.readShapes().get(ShapeId.of(read)) : null;
        if (stats != null) {
            sites.addAll(stats.sites());
        }
        if (p.site != null) {
            if (!sites.contains(p.site)) {
                sites.add(p.site);
            }
            evidence.put("writeSite", p.site);
        }
        return new Observation(
                FindingKind.KEY_MISMATCH,
                p.cache,
                signature,
                message,
                redactor.redact(read),
                redactor.redact(p.written),
                sites,
                evidence);
    }

    private record Reason(@Nullable List<String> differences, String readBy, String writtenBy, String entityType) {

        static Reason normal(List<String> differences) {
            return new Reason(List.copyOf(differences), "", "", "");
        }

        static Reason attribute(String readBy, String writtenBy, String entityType) {
            return new Reason(null, readBy, writtenBy, entityType);
        }
    }

    /** A write whose key no read uses, before a twin of it is found. */
    private record Sighting(
            String cache, KeyDescriptor written, @Nullable String site, boolean eviction, long nanos) {

        Pending twin(String twinType, String twinPrinted, Reason reason) {
            return new Pending(cache, written, twinType, twinPrinted, site, eviction, nanos, reason);
        }
    }

    private record Pending(
            String cache,
            KeyDescriptor written,
            String twinType,
            String twinPrinted,
            @Nullable String site,
            boolean eviction,
            long nanos,
            Reason reason) {}
}
