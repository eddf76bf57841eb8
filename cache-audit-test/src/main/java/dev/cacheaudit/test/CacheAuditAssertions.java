package dev.cacheaudit.test;

import dev.cacheaudit.core.CacheAudit;
import java.util.function.Supplier;

/**
 * Entry points of the cache-audit assertions, in AssertJ's style.
 *
 * <pre>{@code
 * assertThatRead(() -> users.find(42L)).isFreshAgainst(() -> repository.findById(42L));
 * assertThatAudit(audit).hasNoFindingsAtLeast(Severity.ERROR);
 * assertThatAudit(audit).hasFinding(FindingKind.KEY_MISMATCH, "users");
 * }</pre>
 */
public final class CacheAuditAssertions {

    private CacheAuditAssertions() {}

    /** Starts an assertion on what the application returns through its cache. */
    public static <T> FreshnessAssert<T> assertThatRead(Supplier<? extends T> read) {
        return new FreshnessAssert<>(read);
    }

    /** Asserts that {@code read}, which goes through a cache, returns what the source of truth returns. */
    public static <T> void assertFresh(Supplier<? extends T> read, Supplier<? extends T> source) {
        CacheAuditAssertions.<T>assertThatRead(read).isFreshAgainst(source);
    }

    /** Starts an assertion on an auditor's findings; it waits for queued events to be analysed first. */
    public static CacheAuditAssert assertThatAudit(CacheAudit audit) {
        return new CacheAuditAssert(audit);
    }

    /** Asserts that the auditor holds no finding of any severity. */
    public static void assertNoFindings(CacheAudit audit) {
        assertThatAudit(audit).hasNoFindings();
    }
}
