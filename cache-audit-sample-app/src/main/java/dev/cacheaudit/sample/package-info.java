/** A small REST + JPA service with Redis-backed caches, audited by cache-audit: application, cache set-up, seed data and the {@code sample.bugs} switch. */
@NullMarked
package dev.cacheaudit.sample;

import org.jspecify.annotations.NullMarked;
