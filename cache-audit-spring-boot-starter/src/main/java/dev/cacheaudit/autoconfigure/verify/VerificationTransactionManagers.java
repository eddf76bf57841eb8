package dev.cacheaudit.autoconfigure.verify;

import dev.cacheaudit.autoconfigure.CacheAuditProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.transaction.PlatformTransactionManager;

/** The transaction managers named per cache for verification, checked against the beans there are. */
final class VerificationTransactionManagers {

    private VerificationTransactionManagers() {}

    /**
     * The transaction manager bean named for each cache by {@code cache-audit.caches.<name>.transaction-manager}.
     *
     * @throws InvalidConfigurationPropertyValueException when a name is not that of a transaction manager bean
     */
    static Map<String, String> byCache(ListableBeanFactory beans, CacheAuditProperties properties) {
        Map<String, String> byCache = new LinkedHashMap<>();
        properties.getCaches().forEach((cache, settings) -> {
            String name = settings.getTransactionManager();
            if (name == null) {
                return;
            }
            if (!beans.containsBean(name) || !beans.isTypeMatch(name, PlatformTransactionManager.class)) {
                throw new InvalidConfigurationPropertyValueException(
                        "cache-audit.caches." + cache + ".transaction-manager",
                        name,
                        "It must be the bean name of a PlatformTransactionManager.");
            }
            byCache.put(cache, name);
        });
        return byCache;
    }
}
