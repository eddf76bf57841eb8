/** Micrometer meters of the auditor. */
@NullMarked
package dev.cacheaudit.core.metrics;

import org.jspecify.annotations.NullMarked;
