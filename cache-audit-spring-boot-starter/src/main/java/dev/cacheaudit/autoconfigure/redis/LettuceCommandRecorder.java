package dev.cacheaudit.autoconfigure.redis;

import dev.cacheaudit.autoconfigure.cache.UnsampledWireReads;
import dev.cacheaudit.autoconfigure.support.CallSites;
import dev.cacheaudit.autoconfigure.support.Invocation;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.RedisCommand;
import io.lettuce.core.event.command.CommandBaseEvent;
import io.lettuce.core.event.command.CommandFailedEvent;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import io.lettuce.core.event.command.CommandSucceededEvent;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Records the key commands Lettuce sends to Redis, with the exact key bytes and the result: how many keys a
 * {@code DEL}/{@code UNLINK} removed, and the failures of commands the application never waited for (Spring Data
 * Redis 4 sends cache puts and evictions asynchronously). Runs on Netty's threads; only hands events over.
 *
 * <p>The {@code GET} an audited Redis cache sends for a read is sampled like the hit it serves: when the cache marks
 * the read as not sampled ({@link UnsampledWireReads}), nothing is kept when it is sent, and it is recorded only if it
 * found nothing (a miss, recorded without its site). Every other command is recorded as sent.
 */
public final class LettuceCommandRecorder implements CommandListener {

    /** Lettuce's commands that the audit records, each with its name in core's vocabulary; the others are ignored. */
    private static final Map<CommandType, RedisCommand.Type> RECORDED = new EnumMap<>(CommandType.class);

    static {
        for (RedisCommand.Type type : RedisCommand.Type.values()) {
            RECORDED.put(CommandType.valueOf(type.name()), type);
        }
    }

    private static final String SITE = LettuceCommandRecorder.class.getName() + ".site";

    /**
     * Kept under {@link #SITE} for a read whose site is not captured: a read with nothing kept is a cache's unsampled
     * read.
     */
    private static final Object NO_SITE = new Object();

    /** Reads sent outside cache-annotated methods have their site captured at most this often per thread. */
    private static final long READ_SITE_INTERVAL_NANOS = 100_000_000L;

    private static final ThreadLocal<long[]> LAST_READ_SITE = ThreadLocal.withInitial(() -> new long[1]);

    private static final int MAX_NAMESPACES = 1024;

    /** Key namespaces (the part of a key before its first digit) whose reading code is known. */
    private final Set<String> namespacesWithSite = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final CacheAudit audit;

    private final double readSiteSampleRate;

    /**
     * @param audit where events go
     * @param readSiteSampleRate the fraction of reads whose sending site is captured; writes always are
     */
    public LettuceCommandRecorder(CacheAudit audit, double readSiteSampleRate) {
        this.audit = audit;
        this.readSiteSampleRate = readSiteSampleRate;
    }

    /**
     * Called on the thread that sends the command: the only moment the sending application code is on the stack.
     * Inside a cache-annotated method the site is the method's, for free; otherwise writes always walk the stack for
     * it, reads only now and then, since walking the stack costs microseconds.
     */
    @Override
    public void commandStarted(CommandStartedEvent event) {
        try {
            RedisCommand.Type type = recorded(event.getCommand().getType());
            if (type == null) {
                return;
            }
            if (!type.changesKey() && UnsampledWireReads.marked()) {
                // Kept nothing, so that the cache's hit costs no more here: see commandSucceeded.
                return;
            }
            Invocation invocation = Invocation.current();
            if (invocation != null) {
                event.getContext().put(SITE, invocation.site());
                return;
            }
            if (!type.changesKey()
                    && !readSiteDue()
                    && !firstReadOfNamespace(event.getCommand().getArgs())) {
                event.getContext().put(SITE, NO_SITE);
                return;
            }
            event.getContext().put(SITE, CallSites.firstApplicationFrame());
        } catch (Throwable ex) {
            audit.recordingFailed("a Redis command", ex);
        }
    }

    /**
     * Whether this read, sent by hand-written code, should have its site captured: a sample, and at least one read
     * every {@value #READ_SITE_INTERVAL_NANOS} ns per thread, so that the code reading a key form is known without
     * walking the stack on every read.
     */
    private boolean readSiteDue() {
        if (readSiteSampleRate >= 1
                || (readSiteSampleRate > 0 && ThreadLocalRandom.current().nextDouble() < readSiteSampleRate)) {
            return true;
        }
        long[] last = LAST_READ_SITE.get();
        long now = audit.nanoTime();
        if (now - last[0] >= READ_SITE_INTERVAL_NANOS) {
            last[0] = now;
            return true;
        }
        return false;
    }

    /** Whether this read is the first of its key namespace: each namespace has its reading code captured once. */
    private boolean firstReadOfNamespace(@Nullable CommandArgs<Object, Object> args) {
        if (namespacesWithSite.size() >= MAX_NAMESPACES || args == null) {
            return false;
        }
        ByteBuffer key = args.getFirstEncodedKey();
        if (key == null) {
            return false;
        }
        ByteBuffer bytes = key.duplicate();
        StringBuilder namespace = new StringBuilder(32);
        while (bytes.hasRemaining() && namespace.length() < 64) {
            byte b = bytes.get();
            if (b >= '0' && b <= '9') {
                break;
            }
            namespace.append((char) (b & 0xff));
        }
        return namespacesWithSite.add(namespace.toString());
    }

    private static @Nullable String site(CommandBaseEvent event) {
        return event.getContext().get(SITE) instanceof String site ? site : null;
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        try {
            io.lettuce.core.protocol.RedisCommand<Object, Object, Object> command = event.getCommand();
            RedisCommand.Type type = recorded(command.getType());
            if (type == null) {
                return;
            }
            Object output = command.getOutput() != null ? command.getOutput().get() : null;
            if (!type.changesKey() && output != null && event.getContext().get(SITE) == null) {
                // A cache's unsampled read that found its entry: the cache decorator counted the hit.
                return;
            }
            // GETDEL answers with the value it removed: it removed a key when there was one.
            long result = type == RedisCommand.Type.GETDEL
                    ? (output != null ? 1 : 0)
                    : output instanceof Number number ? number.longValue() : -1;
            audit.submit(new RedisCommand(
                    type,
                    key(command.getArgs()),
                    result,
                    -1,
                    null,
                    event.getDuration(TimeUnit.NANOSECONDS),
                    audit.nanoTime(),
                    site(event)));
        } catch (Throwable ex) {
            audit.recordingFailed("a Redis command", ex);
        }
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        try {
            io.lettuce.core.protocol.RedisCommand<Object, Object, Object> command = event.getCommand();
            RedisCommand.Type type = recorded(command.getType());
            if (type == null) {
                return;
            }
            Throwable cause = event.getCause();
            String error = cause != null && cause.getMessage() != null ? cause.getMessage() : String.valueOf(cause);
            audit.submit(
                    new RedisCommand(type, key(command.getArgs()), -1, -1, error, 0, audit.nanoTime(), site(event)));
        } catch (Throwable ex) {
            audit.recordingFailed("a Redis command", ex);
        }
    }

    private static RedisCommand.@Nullable Type recorded(ProtocolKeyword keyword) {
        return keyword instanceof CommandType type ? RECORDED.get(type) : null;
    }

    private static byte @Nullable [] key(@Nullable CommandArgs<Object, Object> args) {
        if (args == null) {
            return null;
        }
        ByteBuffer encoded = args.getFirstEncodedKey();
        if (encoded == null) {
            return null;
        }
        ByteBuffer copy = encoded.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
