/** Spring's side of verification: re-reading a cache entry's source through the proxy that loaded it. */
@NullMarked
package dev.cacheaudit.autoconfigure.verify;

import org.jspecify.annotations.NullMarked;
