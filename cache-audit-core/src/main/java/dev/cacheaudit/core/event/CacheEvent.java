package dev.cacheaudit.core.event;

/**
 * Something the recording layer observed. Every event carries the monotonic time ({@link System#nanoTime()} scale) at
 * which it happened; hits that were sampled without a precise timestamp carry the engine's coarse clock instead.
 */
public sealed interface CacheEvent
        permits CacheRegistered,
                CacheRead,
                CachePut,
                CacheEvict,
                CacheClear,
                CacheError,
                SourceWrite,
                RedisCommand,
                DeclaredOperations,
                VerificationOutcome,
                TxBoundary,
                EntityHeld {

    /** Monotonic time of the event, in nanoseconds. */
    long nanos();
}
