/** Helpers shared by the recording layer: call sites, invocation context, transaction state. */
@NullMarked
package dev.cacheaudit.autoconfigure.support;

import org.jspecify.annotations.NullMarked;
