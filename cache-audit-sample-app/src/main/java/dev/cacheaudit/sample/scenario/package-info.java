/**
 * The scenario catalogue: each root cause of stale caches as a switchable bug beside its fix. A scenario's
 * configuration asks {@link dev.cacheaudit.sample.SampleBugs} which variant becomes the bean and adds the
 * {@link dev.cacheaudit.sample.demo.Traffic} that exercises it; only the chosen variant is ever a bean, because
 * cache-audit's start-up analysis reads the annotations of every bean.
 */
@NullMarked
package dev.cacheaudit.sample.scenario;

import org.jspecify.annotations.NullMarked;
