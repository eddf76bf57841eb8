package dev.cacheaudit.core.fleet;

import dev.cacheaudit.core.detect.Detector;
import dev.cacheaudit.core.detect.FindingSink;
import dev.cacheaudit.core.event.Backend;
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
import dev.cacheaudit.core.keys.KeyShape;
import dev.cacheaudit.core.keys.Nearness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * {@code FOREIGN_WRITE} on Redis: a keyspace notification of a write ({@code del}, {@code set}) on a key that
 * neither this instance sent nor any instance of the application could have sent — its form is none of the forms the
 * application itself reads, writes or deletes — while it falls in the namespace of a key form the application reads:
 * the same namespace prefix ({@code users::v2:42} against {@code users::{n}}) or a near one ({@code user:42} against
 * {@code users::{n}}). Another service or a script writes where this application caches, under a form it never uses.
 * A notification on one of the application's own forms may come from another instance and is never reported.
 *
 * <p>A notice is judged only once it has settled ({@link #SETTLE_NANOS}): Redis publishes a keyspace notification while
 * it runs the command, before it replies, so the notice of this instance's own write often reaches the engine before
 * the recorded command and the cache operation that sent it. Judged at once, the first write of a form the
 * application had not used yet would be taken for another client's.
 */
public final class ForeignWriteDetector implements Detector {

    private static final int MAX_OWN_KEYS = 50_000;

    private static final long OWN_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** How long a notice waits for this instance's own record of the same write before it is judged. */
    static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** At most this many notices wait to settle; beyond it the oldest is judged at once. */
    private static final int MAX_SETTLING = 10_000;

    /** Notices in the order they arrived, waiting to settle. */
    private final ArrayDeque<Fleet.Notice> settling = new ArrayDeque<>();

    /** The latest time the engine has seen, from events and ticks. */
    private long now = Long.MIN_VALUE;

    private final Fleet fleet;

    private final KeyRedactor redactor;

    /** Keys this instance wrote recently, with when, so that their notifications are not taken for foreign ones. */
    private final Map<String, Long> ownWrites = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_OWN_KEYS;
        }
    };

    ForeignWriteDetector(Fleet fleet, KeyRedactor redactor) {
        this.fleet = fleet;
        this.redactor = redactor;
    }

    @Override
    public void on(CacheEvent event, AuditView state, FindingSink findings) {
        if (event instanceof RedisCommand command
                && command.key() != null
                && command.type().changesKey()) {
            ownWrites.put(new String(command.key(), StandardCharsets.UTF_8), command.nanos());
        }
        drain(event.nanos(), state, findings);
    }

    @Override
    public void onTick(long nowNanos, AuditView state, FindingSink findings) {
        drain(nowNanos, state, findings);
    }

    private void drain(long time, AuditView state, FindingSink findings) {
        if (now == Long.MIN_VALUE || time - now > 0) {
            now = time;
        }
        Fleet.Notice notice;
        while ((notice = fleet.pollNotice()) != null) {
            settling.addLast(notice);
            if (settling.size() > MAX_SETTLING) {
                judge(settling.removeFirst(), state, findings);
            }
        }
        while (!settling.isEmpty() && now - settling.peekFirst().nanos() >= SETTLE_NANOS) {
            judge(settling.removeFirst(), state, findings);
        }
    }

    private void judge(Fleet.Notice notice, AuditView state, FindingSink findings) {
        String printed = new String(notice.key(), StandardCharsets.UTF_8);
        Long own = ownWrites.get(printed);
        if (own != null && notice.nanos() - own <= OWN_WINDOW_NANOS) {
            return;
        }
        KeyDescriptor key = KeyDescriptor.ofRedis(notice.key());
        CacheProfile wire = state.wire();
        if (ownForm(wire, key)) {
            return;
        }
        CacheProfile cache = redisCacheOf(state, key);
        if (cache != null) {
            KeyDescriptor appForm = foreignTo(cache, key);
            if (appForm != null) {
                findings.report(observation(notice.command(), key, appForm));
            }
            return;
        }
        ShapeStats near = nearestAppForm(wire, key);
        if (near != null) {
            findings.report(observation(notice.command(), key, near.sample()));
        }
    }

    /**
     * The Redis cache whose namespace ({@code <name>::}, Spring's key prefix) holds the key. Checked by cache name
     * since the recorded forms of the wire may have generalised the name away ({@code {w}::{n}} once many caches
     * share one form).
     */
    private static @Nullable CacheProfile redisCacheOf(AuditView state, KeyDescriptor key) {
        for (CacheProfile profile : state.profiles()) {
            if (profile != state.wire()
                    && profile.kind() == Backend.REDIS
                    && key.printed().startsWith(profile.name() + "::")) {
                return profile;
            }
        }
        return null;
    }

    /**
     * The application's own form in a Redis cache, as a wire key, when the key's part after the cache's prefix has a
     * form the application never uses there; {@code null} when it is one of its forms (another instance's write).
     */
    private static @Nullable KeyDescriptor foreignTo(CacheProfile cache, KeyDescriptor key) {
        String prefix = cache.name() + "::";
        String shape = KeyShape.of(key.printed().substring(prefix.length())).shape();
        @Nullable ShapeStats sample = null;
        for (Map<ShapeId, ShapeStats> shapes : List.of(cache.readShapes(), cache.putShapes(), cache.evictionShapes())) {
            for (Map.Entry<ShapeId, ShapeStats> entry : shapes.entrySet()) {
                if (entry.getKey().shape().equals(shape)) {
                    return null;
                }
                if (sample == null) {
                    sample = entry.getValue();
                }
            }
        }
        return sample == null
                ? null
                : KeyDescriptor.ofRedis((prefix + sample.sample().printed()).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean ownForm(CacheProfile wire, KeyDescriptor key) {
        String shape = key.shape().shape();
        for (Map<ShapeId, ShapeStats> shapes : List.of(wire.readShapes(), wire.putShapes(), wire.evictionShapes())) {
            for (ShapeId id : shapes.keySet()) {
                if (id.shape().equals(shape)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static @Nullable ShapeStats nearestAppForm(CacheProfile wire, KeyDescriptor key) {
        for (Map<ShapeId, ShapeStats> shapes : List.of(wire.readShapes(), wire.putShapes())) {
            for (Map.Entry<ShapeId, ShapeStats> entry : shapes.entrySet()) {
                KeyDescriptor app = entry.getValue().sample();
                String namespace = namespace(app.shape().shape());
                if (Nearness.nearShapes(key.shape(), app.shape())
                        || (namespace.length() >= 2 && key.printed().startsWith(namespace))) {
                    return entry.getValue();
                }
            }
        }
        return null;
    }

    /** The literal text of a key form before its first variable ({@code users::} of {@code users::{n}}). */
    static String namespace(String shape) {
        int variable = shape.indexOf('{');
        return variable < 0 ? shape : shape.substring(0, variable);
    }

    private Observation observation(String command, KeyDescriptor foreign, KeyDescriptor app) {
        String appShape = app.shape().shape();
        int separator = appShape.indexOf("::");
        String cache = separator > 0 ? appShape.substring(0, separator) : AuditView.WIRE;
        String foreignKey = redactor.redact(foreign);
        String appKey = redactor.redact(app);
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("command", command);
        evidence.put("foreignForm", foreign.shape().shape());
        evidence.put("applicationForm", appShape);
        evidence.put("namespace", namespace(appShape));
        evidence.put("seenBy", fleet.instance());
        return new Observation(
                FindingKind.FOREIGN_WRITE,
                cache,
                command + "|" + foreign.shape().shape() + "|" + appShape,
                "Another client (not this application) runs '" + command + "' on '"
                        + foreign.shape().shape()
                        + "' keys, next to the '" + appShape + "' keys this application caches under: its writes"
                        + " never reach the entries this application reads",
                appKey,
                foreignKey,
                List.of(),
                evidence);
    }
}
