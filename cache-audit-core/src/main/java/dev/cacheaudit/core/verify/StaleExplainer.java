package dev.cacheaudit.core.verify;

import dev.cacheaudit.core.detect.FindingSink;
import dev.cacheaudit.core.finding.Cause;
import org.jspecify.annotations.Nullable;

/** Tells what made an entry stale, when verification found it so (engine thread). */
@FunctionalInterface
public interface StaleExplainer {

    /** Explains nothing: stale findings carry no cause. */
    StaleExplainer NONE = (cache, keyType, printedKey, staleSinceNanos, nowNanos, findings) -> null;

    /**
     * The cause of one stale entry.
     *
     * @param cache the cache
     * @param keyType the simple name of the key's class
     * @param printedKey the key as it prints
     * @param staleSinceNanos when a check first found the entry stale
     * @param nowNanos now
     * @param findings where a finding the explanation itself raises ({@code FOREIGN_WRITE}) is reported
     * @return the cause, or {@code null} when nothing is known
     */
    @Nullable
    Cause explain(
            String cache, String keyType, String printedKey, long staleSinceNanos, long nowNanos, FindingSink findings);
}
