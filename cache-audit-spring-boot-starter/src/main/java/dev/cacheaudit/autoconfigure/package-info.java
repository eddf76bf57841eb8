/** Spring Boot auto-configuration of cache-audit. */
@NullMarked
package dev.cacheaudit.autoconfigure;

import org.jspecify.annotations.NullMarked;
