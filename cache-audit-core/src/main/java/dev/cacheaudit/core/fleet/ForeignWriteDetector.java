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
import dev.cacheaudit.core.keys.WordPositions;
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

    private KeyRedactor redactor;

    /** Keys this instance wrote recently, with when, so that their notifications are not taken for foreign ones. */
    private final Map<String, Long> ownWrites = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_OWN_KEYS;
        }
    };

    /**
     * The words of other clients' keys that stayed the same in front of different values ({@code supplier} of
     * {@code offers::supplier:11}, {@code :12}): structure, shown in findings like the application's own.
     */
    private WordPositions foreignWords;

    ForeignWriteDetector(Fleet fleet, KeyRedactor redactor) {
        this.fleet = fleet;
        this.redactor = redactor;
        this.foreignWords = WordPositions.ofForeignKeys(redactor.vocabulary());
    }

    /** See {@link Fleet#redactWith(KeyRedactor)}; before the engine runs. */
    void redactWith(KeyRedactor shared) {
        this.redactor = shared;
        this.foreignWords = WordPositions.ofForeignKeys(shared.vocabulary());
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
            learnWords(notice, state);
            settling.addLast(notice);
            if (settling.size() > MAX_SETTLING) {
                judge(settling.removeFirst(), state, findings);
            }
        }
        while (!settling.isEmpty() && now - settling.peekFirst().nanos() >= SETTLE_NANOS) {
            judge(settling.removeFirst(), state, findings);
        }
    }

    /**
     * Learns the words of a key that looks foreign when it arrives, so that by the time it is judged a burst of keys
     * has shown which words are structure. Keys of the application's own forms teach nothing: they may be another
     * instance's, whose words before a value may be a login ({@code users::SimpleKey [alice, 0]}).
     */
    private void learnWords(Fleet.Notice notice, AuditView state) {
        if (ownWrites.containsKey(new String(notice.key(), StandardCharsets.UTF_8))) {
            return;
        }
        KeyDescriptor key = KeyDescriptor.ofRedis(notice.key());
        if (ownForm(state.wire(), key)) {
            return;
        }
        // Only keys that would be reported: other applications' keys on the same Redis must not fill the vocabulary.
        CacheProfile cache = redisCacheOf(state, key.printed());
        boolean reported = cache != null ? foreignTo(cache, key) != null : nearestAppForm(state.wire(), key) != null;
        if (reported) {
            foreignWords.learn(key.shape());
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
        CacheProfile cache = redisCacheOf(state, key.printed());
        if (cache != null) {
            KeyDescriptor appForm = foreignTo(cache, key);
            if (appForm != null) {
                findings.report(observation(notice.command(), key, appForm, cache.name()));
            }
            return;
        }
        ShapeStats near = nearestAppForm(wire, key);
        if (near != null) {
            KeyDescriptor appForm = near.sample();
            CacheProfile appCache = redisCacheOf(state, appForm.printed());
            findings.report(observation(notice.command(), key, appForm, appCache != null ? appCache.name() : null));
        }
    }

    /**
     * The Redis cache whose namespace ({@code <name>::}, after Spring's key prefix if one is configured) holds the key.
     * Checked by cache name since the recorded forms of the wire may have generalised the name away ({@code {w}::{n}}
     * once many caches share one form).
     */
    private static @Nullable CacheProfile redisCacheOf(AuditView state, String printedKey) {
        CacheProfile found = null;
        int foundAt = Integer.MAX_VALUE;
        for (CacheProfile profile : state.profiles()) {
            if (profile == state.wire() || profile.kind() != Backend.REDIS) {
                continue;
            }
            int end = namespaceEnd(printedKey, profile.name());
            int at = end - profile.name().length() - 2;
            // The namespace that starts first is the key's: 'ordered-items::5' is in 'ordered-items', not 'items'.
            if (end >= 0 && at < foundAt) {
                found = profile;
                foundAt = at;
            }
        }
        return found;
    }

    /**
     * Where the namespace {@code <cache>::} of a Spring cache's key ends in a Redis key: the key starts with it, or a
     * key prefix ends in a separator right before it ({@code myapp:users::42}, from {@code spring.cache.redis.key-prefix}
     * or {@code prefixCacheNameWith}); {@code -1} when the key is not in that namespace ({@code otherusers::42} is not
     * in {@code users::}).
     */
    static int namespaceEnd(String printedKey, String cache) {
        String namespace = cache + "::";
        int at = printedKey.indexOf(namespace);
        while (at > 0 && Character.isLetterOrDigit(printedKey.charAt(at - 1))) {
            at = printedKey.indexOf(namespace, at + 1);
        }
        return at < 0 ? -1 : at + namespace.length();
    }

    /**
     * The application's own form in a Redis cache, as a wire key, when the key's part after the cache's prefix has a
     * form the application never uses there; {@code null} when it is one of its forms (another instance's write).
     */
    private static @Nullable KeyDescriptor foreignTo(CacheProfile cache, KeyDescriptor key) {
        String prefix = key.printed().substring(0, namespaceEnd(key.printed(), cache.name()));
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

    /**
     * The finding, named after the application's cache when the key is in one ({@code null}: after the namespace the
     * application's form is under, if its words are known to be structure, else the wire). Forms are shown through the
     * redactor: another client's keys may hold a login or a slug as readily as the application's.
     */
    private Observation observation(
            String command, KeyDescriptor foreign, KeyDescriptor app, @Nullable String applicationCache) {
        String appShape = app.shape().shape();
        String foreignShape = foreign.shape().shape();
        String cache = applicationCache != null ? applicationCache : cacheOfForm(appShape);
        String foreignKey = redactor.redact(foreign);
        String appKey = redactor.redact(app);
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("command", command);
        evidence.put("foreignForm", redactor.shape(foreignShape));
        evidence.put("applicationForm", redactor.shape(appShape));
        evidence.put("namespace", redactor.shape(namespace(appShape)));
        evidence.put("seenBy", fleet.instance());
        return new Observation(
                FindingKind.FOREIGN_WRITE,
                cache,
                command + "|" + redactor.token(foreignShape + "|" + appShape),
                "Another client (not this application) runs '" + command + "' on '"
                        + redactor.shape(foreignShape)
                        + "' keys, next to the '" + redactor.shape(appShape) + "' keys this application caches under:"
                        + " its writes never reach the entries this application reads",
                appKey,
                foreignKey,
                List.of(),
                evidence);
    }

    /** The cache a form of the wire names ({@code users} of {@code users::{n}}), when that name may be shown. */
    private String cacheOfForm(String appShape) {
        int separator = appShape.indexOf("::");
        String named = separator > 0 ? appShape.substring(0, separator) : null;
        return named != null && redactor.shows(named) ? named : AuditView.WIRE;
    }
}
