package dev.cacheaudit.core.detect;

import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.RedisCommand;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code KEY_MISMATCH} for caching written by hand with a {@code RedisTemplate}: a {@code DEL}/{@code UNLINK} that
 * removed nothing, of a key form never read, while a near form of the same identifier is read ({@code GET order:42},
 * {@code DEL orders:42} → 0). Keys written by Spring's {@code RedisCache} ({@code cache::key}) are left to the
 * cache-level detector, which sees Spring's own keys.
 */
public final class WireKeyMismatchDetector implements Detector {

    /** Separators around a namespace word; compiled once, since every recorded Redis command is named by it. */
    private static final Pattern SURROUNDING_SEPARATORS = Pattern.compile("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$");

    private final KeyRedactor redactor;

    public WireKeyMismatchDetector(KeyRedactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public void on(CacheEvent event, AuditView state, FindingSink findings) {
        if (!(event instanceof RedisCommand command)
                || !command.type().deletes()
                || command.failed()
                || command.result() != 0
                || command.key() == null) {
            return;
        }
        KeyDescriptor raw = KeyDescriptor.ofRedis(command.key());
        if (raw.printed().contains("::")) {
            return;
        }
        CacheProfile wire = state.wire();
        KeyDescriptor deleted = wire.refine(raw);
        if (wire.readShapes().containsKey(ShapeId.of(deleted))
                || wire.readShapes().containsKey(ShapeId.of(raw))) {
            return;
        }
        for (Map.Entry<ShapeId, ShapeStats> read : wire.readShapes().entrySet()) {
            ShapeStats stats = read.getValue();
            if (!Nearness.nearShapes(deleted.shape(), stats.sample().shape())) {
                continue;
            }
            String twin = KeyMatch.readTwin(state, AuditView.WIRE, read.getKey(), stats, deleted);
            if (twin == null) {
                continue;
            }
            List<String> sites = new ArrayList<>(stats.sites());
            if (command.site() != null && !sites.contains(command.site())) {
                sites.add(command.site());
            }
            String readShape = read.getKey().shape();
            Map<String, String> evidence = new LinkedHashMap<>();
            evidence.put("operation", command.command());
            evidence.put("removed", "0");
            evidence.put("readShape", redactor.shape(readShape));
            evidence.put("writeShape", redactor.shape(deleted.shape().shape()));
            String namespace = namespace(readShape);
            findings.report(new Observation(
                    FindingKind.KEY_MISMATCH,
                    // The namespace names the finding's cache (and so a meter tag): only a word known to be structure.
                    redactor.shows(namespace) ? namespace : AuditView.WIRE,
                    "wire:" + redactor.token(deleted.shape().shape() + "|" + readShape),
                    "Redis " + command.command() + " of '"
                            + redactor.shape(deleted.shape().shape())
                            + "' keys removes nothing while reads GET '" + redactor.shape(readShape)
                            + "' for the same identifier: the cached entry is never invalidated",
                    redactor.redact(deleted.withPrinted(twin)),
                    redactor.redact(deleted),
                    sites,
                    evidence));
            return;
        }
    }

    /**
     * The literal part right before a key shape's last variable, without separators: {@code order:{n}} gives
     * {@code order}, {@code tenant:{n}:order:{n}} gives {@code order}.
     */
    static String namespace(String shape) {
        int open = shape.lastIndexOf('{');
        String prefix = open >= 0 ? shape.substring(0, open) : shape;
        int previous = prefix.lastIndexOf('}');
        String segment = previous >= 0 ? prefix.substring(previous + 1) : prefix;
        String trimmed = SURROUNDING_SEPARATORS.matcher(segment).replaceAll("");
        return trimmed.isEmpty() ? AuditView.WIRE : trimmed;
    }
}
