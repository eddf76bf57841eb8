package dev.cacheaudit.core.event;

import org.jspecify.annotations.Nullable;

/**
 * A write to the source of truth, such as a repository {@code save}.
 *
 * @param entity the fully qualified class name of the written entity
 * @param id the entity's identifier when it could be derived; {@code null} for bulk writes
 * @param kind what kind of write it was
 * @param site the first application frame of the write path ({@code class#method})
 * @param tx the transaction state of the writing thread
 * @param nanos when it happened
 */
public record SourceWrite(String entity, @Nullable Object id, Kind kind, String site, TxState tx, long nanos)
        implements CacheEvent {

    /** What kind of write it was. */
    public enum Kind {
        SAVE,
        DELETE,
        BULK
    }
}
