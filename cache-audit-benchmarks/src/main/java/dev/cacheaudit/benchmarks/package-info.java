/**
 * JMH benchmarks of what cache-audit adds to a {@code @Cacheable} hit, through a real Spring proxy, with the starter
 * on and off in the same run.
 */
@NullMarked
package dev.cacheaudit.benchmarks;

import org.jspecify.annotations.NullMarked;
