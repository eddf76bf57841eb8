/** The cache-audit engine, free of Spring: {@link dev.cacheaudit.core.CacheAudit} is the entry point. */
@NullMarked
package dev.cacheaudit.core;

import org.jspecify.annotations.NullMarked;
