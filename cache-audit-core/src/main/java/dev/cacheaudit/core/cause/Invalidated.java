package dev.cacheaudit.core.cause;

import org.jspecify.annotations.Nullable;

/** An invalidation of a cache: an eviction, a write-through put or a clear. */
final class Invalidated {

    final String operation;

    final String key;

    final @Nullable String site;

    final String removed;

    final long nanos;

    long txId;

    Invalidated(String operation, String key, @Nullable String site, String removed, long nanos) {
        this.operation = operation;
        this.key = key;
        this.site = site;
        this.removed = removed;
        this.nanos = nanos;
    }
}
