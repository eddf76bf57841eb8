/**
 * The one way to listen to an audit: {@link dev.cacheaudit.core.listen.AuditListener}, registered on the
 * {@code CacheAudit} builder or with {@code CacheAudit.addListener}. The log of findings is such a listener.
 */
@NullMarked
package dev.cacheaudit.core.listen;

import org.jspecify.annotations.NullMarked;
