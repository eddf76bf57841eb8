/**
 * What the recording layer tells the engine: immutable records, one per observed cache operation, source write,
 * Redis command or transaction boundary.
 */
@NullMarked
package dev.cacheaudit.core.event;

import org.jspecify.annotations.NullMarked;
