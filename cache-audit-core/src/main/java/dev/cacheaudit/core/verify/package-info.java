/**
 * Verification against the source of truth: which cached entries to re-read and when (a sample of hits, and every
 * written or invalidated key at configured windows), within a read budget, on a thread of its own; how a cached value
 * is compared with the source's; and the findings that follow ({@code STALE_READ}, {@code STALE_SET}).
 */
@NullMarked
package dev.cacheaudit.core.verify;

import org.jspecify.annotations.NullMarked;
