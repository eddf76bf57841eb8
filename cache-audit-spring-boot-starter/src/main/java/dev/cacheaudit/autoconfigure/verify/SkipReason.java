package dev.cacheaudit.autoconfigure.verify;

/**
 * Why a source read was not made, or not believed: each makes the check {@code inconclusive}, is counted by cache and
 * reason, and is logged at WARN the first time it happens for a cache.
 */
public enum SkipReason {

    /** Several transaction managers, and nothing says which one owns the data the read touches. */
    OWNER_UNKNOWN("the transaction manager that owns its data could not be determined;"
            + " set cache-audit.caches.<name>.transaction-manager"),

    /**
     * A transaction manager cannot be guarded: it does not derive from Spring's AbstractPlatformTransactionManager,
     * or transaction synchronization is off, so a transaction begun inside the read could not be refused.
     */
    UNGUARDED("a transaction manager cannot be guarded against transactions begun inside the read"),

    /**
     * The read tried to suspend the verifier's rolled-back transaction — {@code REQUIRES_NEW}, {@code NOT_SUPPORTED}, or
     * a transaction of another manager — and was refused; that read is not made again.
     */
    OWN_TRANSACTION("the loading method begins a transaction of its own, which verification refuses;"
            + " it is not called again"),

    /** The read did not return within {@code cache-audit.verification.timeout}. */
    TIMEOUT("the source did not answer within cache-audit.verification.timeout"),

    /** An earlier read has not returned yet: no second connection is taken while one hangs. */
    BUSY("an earlier read of the source has not returned yet"),

    /** The source threw. */
    FAILED("reading the source failed");

    private final String description;

    SkipReason(String description) {
        this.description = description;
    }

    /** What happened, in words fit for a log line (no key, no value). */
    public String description() {
        return description;
    }
}
