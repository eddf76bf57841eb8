/**
 * The audit engine: a lock-free, bounded hand-off from the application's threads to one analysis thread that updates
 * the state and runs the detectors.
 */
@NullMarked
package dev.cacheaudit.core.internal.engine;

import org.jspecify.annotations.NullMarked;
