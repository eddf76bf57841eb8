package dev.cacheaudit.autoconfigure.verify;

import jakarta.persistence.CacheRetrieveMode;
import jakarta.persistence.CacheStoreMode;
import jakarta.persistence.EntityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;

/**
 * Makes the entity managers of the current transaction read the database itself, past JPA's shared cache (Hibernate's
 * second-level and query caches), and store nothing in it. A verification read answers what the source of truth holds:
 * read through a second-level cache that is stale too — a row changed with plain JDBC is stale in both — it would
 * find the cached value fresh; and it must not change what the application's own reads get from that cache.
 *
 * <p>Covers the entity managers bound when the transaction began ({@code JpaTransactionManager}'s).
 */
final class SharedCacheBypass {

    private static final Logger logger = LoggerFactory.getLogger(SharedCacheBypass.class);

    private static final String RETRIEVE_MODE = "jakarta.persistence.cache.retrieveMode";

    private static final String STORE_MODE = "jakarta.persistence.cache.storeMode";

    private static final boolean PRESENT = isPresent("jakarta.persistence.EntityManager")
            && isPresent("org.springframework.orm.jpa.EntityManagerHolder");

    private SharedCacheBypass() {}

    /** Applies to the entity managers bound to this thread's transaction; nothing when JPA is absent. */
    static void apply() {
        if (PRESENT && TransactionSynchronizationManager.isActualTransactionActive()) {
            Jpa.apply();
        }
    }

    private static boolean isPresent(String className) {
        return ClassUtils.isPresent(className, SharedCacheBypass.class.getClassLoader());
    }

    private static final class Jpa {

        static void apply() {
            for (Object resource :
                    TransactionSynchronizationManager.getResourceMap().values()) {
                if (resource instanceof EntityManagerHolder holder) {
                    EntityManager entityManager = holder.getEntityManager();
                    try {
                        entityManager.setProperty(RETRIEVE_MODE, CacheRetrieveMode.BYPASS);
                        entityManager.setProperty(STORE_MODE, CacheStoreMode.BYPASS);
                    } catch (RuntimeException ex) {
                        // A provider that refuses the hints still reads; its shared cache may answer for the database.
                        logger.debug("cache-audit could not bypass the shared cache of {}", entityManager, ex);
                    }
                }
            }
        }
    }
}
