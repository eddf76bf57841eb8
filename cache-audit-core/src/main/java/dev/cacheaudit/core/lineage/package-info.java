/**
 * Lineage: which tables feed each cache, learned from the statements its loads run, and the coverage of the writes
 * made to those tables by any data-access library.
 */
@NullMarked
package dev.cacheaudit.core.lineage;

import org.jspecify.annotations.NullMarked;
