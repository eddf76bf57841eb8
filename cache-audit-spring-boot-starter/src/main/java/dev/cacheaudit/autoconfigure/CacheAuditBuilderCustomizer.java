package dev.cacheaudit.autoconfigure;

import dev.cacheaudit.core.CacheAudit;

/**
 * Customizes the {@link CacheAudit} before it is built: add a detector, a finding listener, change a setting. Applied
 * in order.
 */
@FunctionalInterface
public interface CacheAuditBuilderCustomizer {

    void customize(CacheAudit.Builder builder);
}
