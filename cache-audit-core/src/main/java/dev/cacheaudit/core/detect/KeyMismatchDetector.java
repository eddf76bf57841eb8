package dev.cacheaudit.core.detect;

import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.CacheEvict;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.CacheRegistered.KeyComparison;
import dev.cacheaudit.core.event.DeclaredOperations;
import dev.cacheaudit.core.event.EntityHeld;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Observation;
import dev.cacheaudit.core.internal.state.AuditView;
import dev.cacheaudit.core.internal.state.CacheProfile;
import dev.cacheaudit.core.internal.state.ShapeId;
import dev.cacheaudit.core.internal.state.ShapeStats;
import dev.cacheaudit.core.keys.KeyDescriptor;
import dev.cacheaudit.core.keys.KeyNormalisation;
import dev.cacheaudit.core.keys.KeyRedactor;
import dev.cacheaudit.core.keys.KeyShape;
import dev.cacheaudit.core.keys.Nearness;
import dev.cacheaudit.core.keys.WordPositions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds evictions and puts whose keys reads never use while reads use another form of the same entry.
 *
 * <ul>
 *   <li>{@code KEY_MISMATCH}: the written key has a near form that was read for the same identifier ({@code user:42}
 *       evicted, {@code 42} read), or the written key is a whole object or Spring's {@code SimpleKey} of all
 *       arguments (a {@code @CacheEvict} without a key) in a cache read with plain values.
 *   <li>{@code KEY_TYPE_MISMATCH}: the written key prints like a read key but is of another type, in a cache that
 *       compares keys with {@code equals}.
 * </ul>
 *
 * A written form that reads also use, or that something was stored under, is never reported: that covers an eviction
 * of a key that simply was not cached yet, version-prefixed keys and {@code @CachePut} write-through. Start-up
 * analysis of the declared key expressions reports suspicions ({@link DeclaredKeyAnalysis}); traffic that shows the
 * same write site confirms them.
 */
public final class KeyMismatchDetector implements Detector {

    /** The most read forms a write is compared with word by word. */
    private static final int MAX_WORD_FORMS = 64;

    private final KeyRedactor redactor;

    private final DeclaredKeyAnalysis declared;

    private final KeyTwins twins;

    /** The last put seen, whose site the entity sighting that follows it shares. */
    private @Nullable CachePut lastPut;

    public KeyMismatchDetector(KeyRedactor redactor) {
        this.redactor = redactor;
        this.declared = new DeclaredKeyAnalysis();
        this.twins = new KeyTwins(redactor);
    }

    @Override
    public void on(CacheEvent event, AuditView state, FindingSink findings) {
        if (event instanceof CacheEvict evict) {
            check(state, findings, evict.cache(), evict.key(), evict.site(), true, evict.nanos());
        } else if (event instanceof CachePut put) {
            lastPut = put;
            check(state, findings, put.cache(), put.key(), put.site(), false, put.nanos());
        } else if (event instanceof EntityHeld held) {
            CacheProfile profile = state.existingProfile(held.cache());
            CachePut put = lastPut;
            String site =
                    put != null && put.cache().equals(held.cache()) && put.key().equals(held.key()) ? put.site() : null;
            if (profile != null) {
                twins.held(state, profile, held, site);
            }
        } else if (event instanceof DeclaredOperations operations) {
            declared.analyse(operations).forEach(findings::report);
        }
    }

    @Override
    public void onTick(long nowNanos, AuditView state, FindingSink findings) {
        twins.judge(
                nowNanos,
                state,
                observation -> findings.report(
                        declared.confirm(observation, observation.evidence().get("writeSite"))));
    }

    private void check(
            AuditView state,
            FindingSink findings,
            String cache,
            Object key,
            @Nullable String site,
            boolean eviction,
            long nanos) {
        CacheProfile profile = state.existingProfile(cache);
        if (profile == null || profile.readShapes().isEmpty()) {
            return;
        }
        KeyDescriptor described = state.describe(key);
        KeyDescriptor written = profile.refine(described);
        KeyComparison comparison = profile.keyComparison();
        if (KeyMatch.contains(profile.readShapes(), written, comparison)
                || KeyMatch.contains(profile.readShapes(), described, comparison)
                || (eviction && KeyMatch.contains(profile.putShapes(), written, comparison))
                || (eviction && KeyMatch.contains(profile.putShapes(), described, comparison))) {
            // The shape is one reads use, yet the key itself may be another form of a cached one.
            twins.written(state, profile, described, site, eviction, nanos);
            return;
        }
        Observation observation = written.simpleValue()
                ? nearOrTyped(state, profile, written, site, eviction)
                : objectKey(state, profile, written, site, eviction);
        if (observation == null && written.simpleValue() && written.shape().constant()) {
            // A word of this key may be data (a login) in a form seen too rarely to learn that: try each word as the
            // variable, and report only when a read of the same value in a near form proves it.
            observation = wordNear(state, profile, written, site, eviction);
        }
        if (observation != null) {
            findings.report(declared.confirm(observation, site));
        } else {
            twins.written(state, profile, described, site, eviction, nanos);
        }
    }

    private @Nullable Observation nearOrTyped(
            AuditView state, CacheProfile profile, KeyDescriptor written, @Nullable String site, boolean eviction) {
        String verb = eviction ? "evictions" : "puts";
        for (Map.Entry<ShapeId, ShapeStats> read : profile.readShapes().entrySet()) {
            ShapeId readShape = read.getKey();
            ShapeStats stats = read.getValue();
            KeyShape readKeyShape = stats.sample().shape();
            boolean sameShapeOtherType =
                    readShape.shape().equals(written.shape().shape())
                            && !readShape.type().equals(written.type());
            if (sameShapeOtherType && profile.keyComparison() == KeyComparison.EQUALS) {
                String twin = KeyMatch.readTwin(state, profile.name(), readShape, stats, written);
                if (twin != null) {
                    return observation(
                            FindingKind.KEY_TYPE_MISMATCH,
                            profile.name(),
                            "type:" + written.type() + "|" + readShape.type() + ":" + redactor.token(readShape.shape()),
                            verb + " use " + written.type() + " keys but reads use " + readShape.type()
                                    + " keys that print the same ('" + redactor.shape(readShape.shape()) + "'): cache '"
                                    + profile.name() + "' compares keys with equals, so these " + verb
                                    + " never match the cached entries",
                            stats,
                            written,
                            twin,
                            site,
                            eviction);
                }
            } else if (Nearness.nearShapes(written.shape(), readKeyShape)) {
                String twin = KeyMatch.readTwin(state, profile.name(), readShape, stats, written);
                if (twin != null) {
                    return nearKey(profile, written, readShape, stats, twin, site, eviction);
                }
            }
        }
        return null;
    }

    /**
     * A near form found by reading one word of the written key, and one word of a read key, as the variable: both
     * forms may have been seen too rarely to learn that the word is data. Reported only when the read form filled
     * with the written word was actually read.
     */
    private @Nullable Observation wordNear(
            AuditView state, CacheProfile profile, KeyDescriptor written, @Nullable String site, boolean eviction) {
        for (KeyShape variant : WordPositions.wordVariants(written.shape())) {
            KeyDescriptor candidate = written.withShape(variant);
            int scanned = 0;
            for (Map.Entry<ShapeId, ShapeStats> read : profile.readShapes().entrySet()) {
                if (++scanned > MAX_WORD_FORMS) {
                    // Bounds the work per write; a cache read in more forms than this is rarely keyed by words.
                    break;
                }
                ShapeStats stats = read.getValue();
                KeyShape readShape0 = stats.sample().shape();
                if (!readShape0.constant() && !readShape0.shape().contains("{w}")) {
                    // Only keys of words can be the near form of a key of words; skipping the others keeps this cheap.
                    continue;
                }
                List<KeyShape> readForms = new ArrayList<>(
                        WordPositions.wordVariants(stats.sample().shape()));
                readForms.add(0, stats.sample().shape());
                for (KeyShape readForm : readForms) {
                    if (!Nearness.nearShapes(variant, readForm)) {
                        continue;
                    }
                    ShapeId readShape = new ShapeId(read.getKey().type(), readForm.shape());
                    String twin = KeyMatch.readTwin(state, profile.name(), readShape, stats, candidate);
                    if (twin != null) {
                        return nearKey(profile, candidate, readShape, stats, twin, site, eviction);
                    }
                }
            }
        }
        return null;
    }

    /** A write whose key is in a near form of a read key that holds the same entry ({@code users:42} vs {@code user:42}). */
    private Observation nearKey(
            CacheProfile profile,
            KeyDescriptor written,
            ShapeId readShape,
            ShapeStats stats,
            String twin,
            @Nullable String site,
            boolean eviction) {
        String verb = eviction ? "evictions" : "puts";
        String writtenShape = written.shape().shape();
        return observation(
                FindingKind.KEY_MISMATCH,
                profile.name(),
                "near:" + written.type() + ":" + redactor.token(writtenShape) + "|" + readShape.type() + ":"
                        + redactor.token(readShape.shape()),
                verb + " use '" + redactor.shape(writtenShape) + "' but reads use '" + redactor.shape(readShape.shape())
                        + "' for the same entry, so these " + verb + " never reach what reads cached",
                stats,
                written,
                twin,
                site,
                eviction);
    }

    private @Nullable Observation objectKey(
            AuditView state, CacheProfile profile, KeyDescriptor written, @Nullable String site, boolean eviction) {
        Map.Entry<ShapeId, ShapeStats> read = KeyMatch.mostReadSimpleShape(profile);
        if (read == null) {
            return null;
        }
        String verb = eviction ? "evictions" : "puts";
        String form = written.composite()
                ? "the default key of all " + written.components().size() + " arguments (" + written.type() + ")"
                : "the whole argument (" + written.type() + ") as the key";
        String twin = null;
        for (String variable : written.shape().variables()) {
            String candidate = Nearness.fill(read.getKey().shape(), List.of(variable));
            if (candidate != null
                    && state.existingHistory(profile.name(), read.getKey().type(), candidate) != null) {
                twin = candidate;
                break;
            }
        }
        return observation(
                FindingKind.KEY_MISMATCH,
                profile.name(),
                "object:" + written.type() + "|" + read.getKey().type() + ":"
                        + redactor.token(read.getKey().shape()),
                verb + " use " + form + " — an annotation without an explicit key — but reads use '"
                        + redactor.shape(read.getKey().shape()) + "' keys, so these " + verb
                        + " never reach what reads cached",
                read.getValue(),
                written,
                twin,
                site,
                eviction);
    }

    private Observation observation(
            FindingKind kind,
            String cache,
            String signature,
            String message,
            ShapeStats read,
            KeyDescriptor written,
            @Nullable String readTwin,
            @Nullable String site,
            boolean eviction) {
        KeyDescriptor readKey = readTwin != null ? read.sample().withPrinted(readTwin) : read.sample();
        List<String> sites = new ArrayList<>(read.sites());
        if (site != null && !sites.contains(site)) {
            sites.add(site);
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("operation", eviction ? "evict" : "put");
        evidence.put(
                "readShape",
                read.sample().type() + " "
                        + redactor.shape(read.sample().shape().shape()));
        evidence.put(
                "writeShape",
                written.type() + " "
                        + (written.simpleValue()
                                ? redactor.shape(written.shape().shape())
                                : "(object)"));
        if (site != null) {
            evidence.put("writeSite", site);
        }
        // Near shapes whose keys differ only by case, whitespace or the like: say so.
        List<String> differences = KeyNormalisation.differences(readKey, written);
        String said = message;
        if (kind == FindingKind.KEY_MISMATCH && !differences.isEmpty()) {
            evidence.put("differences", String.join(", ", differences));
            said = message + " (the keys differ by " + String.join(", ", differences) + ")";
        }
        return new Observation(
                kind, cache, signature, said, redactor.redact(readKey), redactor.redact(written), sites, evidence);
    }
}
