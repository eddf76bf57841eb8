/** Micrometer integration of the starter: Boot's own cache meters kept on audited caches. */
@NullMarked
package dev.cacheaudit.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
