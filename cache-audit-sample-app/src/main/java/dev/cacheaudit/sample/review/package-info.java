/**
 * Reviews of products, read and written through a MyBatis mapper, not through JPA (scenario
 * {@code evict-then-insert}).
 */
@NullMarked
package dev.cacheaudit.sample.review;

import org.jspecify.annotations.NullMarked;
