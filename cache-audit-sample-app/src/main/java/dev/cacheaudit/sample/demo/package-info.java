/** The {@code --demo} run: traffic through the services, then the per-cache statistics and findings printed. */
@NullMarked
package dev.cacheaudit.sample.demo;

import org.jspecify.annotations.NullMarked;
