/**
 * Causes: what made a cached entry stale, told from the events already recorded — the last write of what it holds, on
 * this instance or another of the fleet, the invalidation that followed or did not, and the finding that explains it;
 * and {@code FOREIGN_WRITE} when no write of the application explains a change of the database.
 */
@NullMarked
package dev.cacheaudit.core.cause;

import org.jspecify.annotations.NullMarked;
