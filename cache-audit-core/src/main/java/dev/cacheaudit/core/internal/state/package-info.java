/**
 * What the engine remembers between events: per-cache counters and profiles, key shapes seen by each kind of
 * operation, and a bounded history of individual keys. Everything here is bounded by a configured cap and counts what
 * it had to forget.
 */
@NullMarked
package dev.cacheaudit.core.internal.state;

import org.jspecify.annotations.NullMarked;
