package dev.cacheaudit.core.detect;

import dev.cacheaudit.core.event.CacheClear;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.CacheEvict;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.DeclaredOperations;
import dev.cacheaudit.core.event.DeclaredOperations.Declared;
import dev.cacheaudit.core.event.DeclaredOperations.Kind;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Observation;
import dev.cacheaudit.core.internal.state.AuditView;
import dev.cacheaudit.core.internal.state.CacheProfile;
import dev.cacheaudit.core.internal.state.ShapeId;
import dev.cacheaudit.core.internal.state.ShapeStats;
import dev.cacheaudit.core.keys.KeyDescriptor;
import dev.cacheaudit.core.keys.KeyRedactor;
import dev.cacheaudit.core.keys.Nearness;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code CACHE_NAME_MISMATCH}: a cache that is evicted or put but never read, while a cache with a near name
 * ({@code product} and {@code products}) is read. Found at start-up from the declared annotations as a suspicion, and
 * confirmed when traffic writes to the unread cache. Without a start-up suspicion, traffic alone is only reported when
 * the written key has the form the near cache's reads use, so that two unrelated caches with similar names stay
 * silent.
 */
public final class CacheNameMismatchDetector implements Detector {

    private final KeyRedactor redactor;

    private final Set<String> declaredReads = new LinkedHashSet<>();

    private final Map<String, Set<String>> declaredReadSites = new HashMap<>();

    /** Suspected pairs: the unread cache to the near cache that is read. */
    private final Map<String, String> suspected = new HashMap<>();

    public CacheNameMismatchDetector(KeyRedactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public void on(CacheEvent event, AuditView state, FindingSink findings) {
        if (event instanceof DeclaredOperations operations) {
            declared(operations, findings);
        } else if (event instanceof CacheEvict evict) {
            written(state, findings, evict.cache(), evict.key(), evict.site());
        } else if (event instanceof CachePut put) {
            written(state, findings, put.cache(), put.key(), put.site());
        } else if (event instanceof CacheClear clear) {
            written(state, findings, clear.cache(), null, clear.site());
        }
    }

    private void declared(DeclaredOperations operations, FindingSink findings) {
        Map<String, List<Declared>> writes = new LinkedHashMap<>();
        for (Declared operation : operations.operations()) {
            if (operation.kind() == Kind.READ) {
                declaredReads.add(operation.cache());
                declaredReadSites
                        .computeIfAbsent(operation.cache(), cache -> new LinkedHashSet<>())
                        .add(operation.site());
            } else {
                writes.computeIfAbsent(operation.cache(), cache -> new ArrayList<>())
                        .add(operation);
            }
        }
        writes.forEach((cache, declared) -> {
            if (declaredReads.contains(cache)) {
                return;
            }
            for (String read : declaredReads) {
                if (Nearness.nearNames(cache, read)) {
                    suspected.put(cache, read);
                    List<String> sites = new ArrayList<>(declaredReadSites.getOrDefault(read, Set.of()));
                    declared.forEach(d -> sites.add(d.site()));
                    findings.report(new Observation(
                            FindingKind.CACHE_NAME_MISMATCH,
                            cache,
                            cache + "|" + read,
                            message(cache, read),
                            null,
                            null,
                            sites,
                            Map.of("readCache", read),
                            false));
                    return;
                }
            }
        });
    }

    private void written(
            AuditView state, FindingSink findings, String cache, @Nullable Object key, @Nullable String site) {
        CacheProfile profile = state.existingProfile(cache);
        if (profile == null || !profile.readShapes().isEmpty() || declaredReads.contains(cache)) {
            return;
        }
        KeyDescriptor written = key != null ? state.describe(key) : null;
        String suspect = suspected.get(cache);
        for (CacheProfile other : state.profiles()) {
            if (other.readShapes().isEmpty() || !Nearness.nearNames(cache, other.name())) {
                continue;
            }
            Map.Entry<ShapeId, ShapeStats> sameForm = sameForm(other, written);
            if (!other.name().equals(suspect) && sameForm == null) {
                continue;
            }
            List<String> sites = new ArrayList<>();
            ShapeStats read = sameForm != null
                    ? sameForm.getValue()
                    : other.readShapes().values().iterator().next();
            sites.addAll(read.sites());
            if (site != null && !sites.contains(site)) {
                sites.add(site);
            }
            findings.report(new Observation(
                    FindingKind.CACHE_NAME_MISMATCH,
                    cache,
                    cache + "|" + other.name(),
                    message(cache, other.name()),
                    redactor.redact(read.sample()),
                    redactor.redact(written),
                    sites,
                    Map.of("readCache", other.name()),
                    true));
            return;
        }
    }

    private static Map.@Nullable Entry<ShapeId, ShapeStats> sameForm(
            CacheProfile other, @Nullable KeyDescriptor written) {
        if (written == null) {
            return null;
        }
        for (Map.Entry<ShapeId, ShapeStats> entry : other.readShapes().entrySet()) {
            if (entry.getKey().shape().equals(written.shape().shape())) {
                return entry;
            }
        }
        return null;
    }

    private static String message(String unread, String read) {
        return "cache '" + unread + "' is evicted or written but never read, while '" + read
                + "' is read: these writes never reach the entries reads cached";
    }
}
