package dev.cacheaudit.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import org.assertj.core.api.ThrowingConsumer;

/** What the write-path scenarios expect of a finding, the same whichever store the cache is (JPA, JCache, ...). */
public final class WritePathFindings {

    private WritePathFindings() {}

    /** An eviction that ran inside a committed transaction, at {@code site}: a reader re-caches the old row. */
    public static ThrowingConsumer<Finding> evictBeforeCommitAt(String site) {
        return finding -> {
            assertThat(finding.kind()).isEqualTo(FindingKind.EVICT_BEFORE_COMMIT);
            assertThat(finding.evidence()).containsEntry("transaction", "committed");
            assertThat(finding.sites()).containsExactly(site);
        };
    }
}
