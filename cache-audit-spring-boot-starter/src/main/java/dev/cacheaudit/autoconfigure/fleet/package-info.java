/**
 * Fleet membership through the Redis the application already uses: the pub/sub transport, the fleet key stored once
 * in Redis, and the auto-configuration that turns it on when Redis is there.
 */
@NullMarked
package dev.cacheaudit.autoconfigure.fleet;

import org.jspecify.annotations.NullMarked;
