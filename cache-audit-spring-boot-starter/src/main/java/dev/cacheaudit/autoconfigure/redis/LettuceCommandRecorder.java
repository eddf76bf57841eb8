package dev.cacheaudit.autoconfigure.redis;

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
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Records the key commands Lettuce sends to Redis, with the exact key bytes and the result: how many keys a
 * {@code DEL}/{@code UNLINK} removed, and the failures of commands the application never waited for (Spring Data
 * Redis 4 sends cache puts and evictions asynchronously). Runs on Netty's threads; only hands events over.
 */
public final class LettuceCommandRecorder implements CommandListener {

    private static final Set<CommandType> RECORDED = EnumSet.of(
            CommandType.GET,
            CommandType.GETEX,
            CommandType.GETDEL,
            CommandType.MGET,
            CommandType.EXISTS,
            CommandType.SET,
            CommandType.SETEX,
            CommandType.PSETEX,
            CommandType.SETNX,
            CommandType.GETSET,
            CommandType.DEL,
            CommandType.UNLINK,
            CommandType.EXPIRE,
            CommandType.PEXPIRE,
            CommandType.HGET,
            CommandType.HSET,
            CommandType.HDEL);

    private static final Set<CommandType> WRITES = EnumSet.of(
            CommandType.SET,
            CommandType.SETEX,
            CommandType.PSETEX,
            CommandType.SETNX,
            CommandType.GETSET,
            CommandType.DEL,
            CommandType.UNLINK,
            CommandType.HSET,
            CommandType.HDEL);

    private static final String SITE = LettuceCommandRecorder.class.getName() + ".site";

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
     * Writes always note their site; reads only for a sample, since walking the stack costs microseconds.
     */
    @Override
    public void commandStarted(CommandStartedEvent event) {
        try {
            CommandType type = recorded(event.getCommand().getType());
            if (type == null) {
                return;
            }
            boolean write = WRITES.contains(type);
            if (!write
                    && (readSiteSampleRate <= 0
                            || (readSiteSampleRate < 1
                                    && ThreadLocalRandom.current().nextDouble() >= readSiteSampleRate))) {
                return;
            }
            Invocation invocation = Invocation.current();
            event.getContext().put(SITE, invocation != null ? invocation.site() : CallSites.firstApplicationFrame());
        } catch (RuntimeException ex) {
            audit.engine().recordingError(ex);
        }
    }

    private static @Nullable String site(CommandBaseEvent event) {
        return event.getContext().get(SITE) instanceof String site ? site : null;
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        try {
            io.lettuce.core.protocol.RedisCommand<Object, Object, Object> command = event.getCommand();
            CommandType type = recorded(command.getType());
            if (type == null) {
                return;
            }
            Object output = command.getOutput() != null ? command.getOutput().get() : null;
            long result = output instanceof Number number ? number.longValue() : -1;
            audit.submit(new RedisCommand(
                    type.name(),
                    key(command.getArgs()),
                    result,
                    -1,
                    null,
                    event.getDuration(TimeUnit.NANOSECONDS),
                    System.nanoTime(),
                    site(event)));
        } catch (RuntimeException ex) {
            audit.engine().recordingError(ex);
        }
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        try {
            io.lettuce.core.protocol.RedisCommand<Object, Object, Object> command = event.getCommand();
            CommandType type = recorded(command.getType());
            if (type == null) {
                return;
            }
            Throwable cause = event.getCause();
            String error = cause != null && cause.getMessage() != null ? cause.getMessage() : String.valueOf(cause);
            audit.submit(new RedisCommand(
                    type.name(), key(command.getArgs()), -1, -1, error, 0, System.nanoTime(), site(event)));
        } catch (RuntimeException ex) {
            audit.engine().recordingError(ex);
        }
    }

    private static @Nullable CommandType recorded(ProtocolKeyword keyword) {
        return keyword instanceof CommandType type && RECORDED.contains(type) ? type : null;
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
