package dev.cacheaudit.core.verify;

import org.jspecify.annotations.Nullable;

/**
 * One cache entry to verify.
 *
 * @param cache the cache name
 * @param keyType the simple name of the key's class
 * @param printedKey the key as it prints
 * @param key the key object itself, when the check was asked for by an event that carried it
 */
public record CheckTarget(
        String cache,
        String keyType,
        String printedKey,
        @Nullable Object key) {}
