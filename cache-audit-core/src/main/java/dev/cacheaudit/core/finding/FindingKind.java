package dev.cacheaudit.core.finding;

/**
 * The kinds of finding, each with its severity and the fix that matches its cause. The names are part of the public
 * report contract.
 */
public enum FindingKind {
    KEY_MISMATCH(
            Severity.ERROR,
            "Build read and evict keys with one function (a shared KeyGenerator or a static key method used in every"
                    + " key expression), and give every @CacheEvict an explicit key."),
    KEY_TYPE_MISMATCH(
            Severity.ERROR,
            "Use one key type for reads and writes: convert the id once (for example Long.valueOf) before it reaches"
                    + " the cache, or key every operation with the same expression."),
    CACHE_NAME_MISMATCH(
            Severity.ERROR,
            "Name caches with shared constants so reads and evictions cannot drift apart (\"product\" vs"
                    + " \"products\")."),
    UNCOVERED_WRITE(
            Severity.ERROR,
            "Invalidate on every write path: evict or @CachePut the entry in the same unit of work that writes the"
                    + " entity, or publish an event handled AFTER_COMMIT that evicts it."),
    EVICT_BEFORE_COMMIT(
            Severity.WARN,
            "Make the cache transaction-aware (TransactionAwareCacheManagerProxy or RedisCacheManager"
                    + " transactionAware()), or evict from a @TransactionalEventListener(phase = AFTER_COMMIT)."),
    EVICTION_FAILED(
            Severity.ERROR,
            "Do not let a CacheErrorHandler swallow eviction failures silently: retry, fail the write, or shorten"
                    + " the TTL so a lost eviction heals; await asynchronous evictions where freshness matters; take a"
                    + " key that may be null from the stored row (or #result), not from the request."),
    STALE_READ(
            Severity.ERROR,
            "Find the write path that does not invalidate (another service, plain JDBC, a job) and evict from it, or"
                    + " bound the staleness with a TTL shorter than the acceptable window."),
    STALE_SET(
            Severity.WARN,
            "Prevent stale sets: fill the cache from the primary, use versioned values or leases, or evict again"
                    + " after the write has replicated (delayed double delete)."),
    TTL_TOO_LONG(
            Severity.WARN,
            "Shorten the TTL below the interval between changes of the source, or add active invalidation."),
    NO_EXPIRY(Severity.WARN, "Give the cache a TTL, or invalidate its entries whenever their source changes."),
    STAMPEDE(
            Severity.WARN,
            "Use @Cacheable(sync = true) or a single-flight loader, and lengthen very short TTLs (add jitter)."),
    FULL_CLEAR(
            Severity.WARN,
            "Evict the one entry a write changes instead of allEntries = true; keep whole-cache clears for rare"
                    + " administrative paths."),
    CROSS_INSTANCE_STALE(
            Severity.ERROR,
            "Broadcast invalidations to every instance (Redis pub/sub), or move the cache to a shared store."),
    FOREIGN_WRITE(
            Severity.WARN,
            "Agree on one key format across services (a shared key library or a version prefix), so that another"
                    + " service's deletes reach the keys this one reads; for data changed in the database outside the"
                    + " application, have the writer publish invalidations this application consumes (an event,"
                    + " change data capture), or bound the staleness with a TTL.");

    private final Severity severity;

    private final String remediation;

    FindingKind(Severity severity, String remediation) {
        this.severity = severity;
        this.remediation = remediation;
    }

    /** The severity findings of this kind have. */
    public Severity severity() {
        return severity;
    }

    /** The fix that matches the cause. */
    public String remediation() {
        return remediation;
    }
}
