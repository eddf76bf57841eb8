package dev.cacheaudit.autoconfigure;

import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.type.AnnotationMetadata;

/**
 * The configuration of each concern, package-private in the package of what it wires and so imported by name, as
 * Boot's {@code CacheAutoConfiguration} imports its per-backend configurations. Each carries its own conditions; the order is that in which their
 * post-processors have always been registered.
 */
final class ConcernConfigurationsImportSelector implements ImportSelector {

    private static final String[] CONFIGURATIONS = {
        "dev.cacheaudit.autoconfigure.verify.VerificationConfiguration",
        "dev.cacheaudit.autoconfigure.tx.TransactionProbeConfiguration",
        "dev.cacheaudit.autoconfigure.data.DataWriteRecordingConfiguration",
        "dev.cacheaudit.autoconfigure.redis.LettuceRecordingConfiguration",
        "dev.cacheaudit.autoconfigure.cache.CacheRecordingConfiguration"
    };

    @Override
    public String[] selectImports(AnnotationMetadata metadata) {
        return CONFIGURATIONS.clone();
    }
}
