package dev.cacheaudit.autoconfigure;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.keys.KeyRedactor;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the redaction properties to the audit, and says so when raw keys will leave the process. */
final class RedactionSettings {

    private static final Logger logger = LoggerFactory.getLogger(RedactionSettings.class);

    private RedactionSettings() {}

    static void apply(CacheAuditProperties.Redaction redaction, CacheAudit.Builder builder) {
        builder.redaction(redaction.getKeys());
        @Nullable String hashKey = redaction.getHashKey();
        if (hashKey != null) {
            builder.redactionHashKey(hashKey.getBytes(StandardCharsets.UTF_8));
        }
        if (redaction.getKeys() == KeyRedactor.Mode.PLAIN) {
            logger.warn("cache-audit.redaction.keys=plain: raw cache keys (identifiers, logins, e-mail addresses) will"
                    + " appear in cache-audit's logs, reports, Actuator endpoint and test failures; use 'shape' (the"
                    + " default) or 'hash' wherever those outputs may be seen by people who must not see the data");
        }
    }
}
