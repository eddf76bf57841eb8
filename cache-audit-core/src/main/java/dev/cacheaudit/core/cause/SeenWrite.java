package dev.cacheaudit.core.cause;

import dev.cacheaudit.core.keys.KeyShape;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A write of the source of truth, as the cause of a stale entry may have been: an entity written here, one another
 * instance of the fleet committed, or a statement seen through JDBC. Holds the identifier only as the variables a key
 * holding it would show, never a value. Mutable only in its outcome, on the engine thread.
 */
final class SeenWrite {

    /** How a write's transaction ended, as a cause shows it. */
    static final String COMMITTED = "committed";

    static final String ROLLED_BACK = "rolled back";

    static final String OPEN = "not committed yet";

    static final String NO_TRANSACTION = "no transaction";

    /** The entity class name, or {@code table <name>}. */
    final String what;

    /** The identifier as it prints, for a write of one entity here; {@code null} otherwise. */
    final @Nullable String id;

    /** The fleet fingerprint of the identifier, for a write of another instance; {@code null} otherwise. */
    final @Nullable String fingerprint;

    /** The key values a statement names; empty when it names none (it may change every entry). */
    final List<String> values;

    final String site;

    final String instance;

    final long txId;

    final long nanos;

    String outcome;

    /** When it took effect: its commit, or the write itself outside a transaction. */
    long effectiveNanos;

    SeenWrite(
            String what,
            @Nullable String id,
            @Nullable String fingerprint,
            List<String> values,
            String site,
            String instance,
            long txId,
            long nanos) {
        this.what = what;
        this.id = id;
        this.fingerprint = fingerprint;
        this.values = List.copyOf(values);
        this.site = site;
        this.instance = instance;
        this.txId = txId;
        this.nanos = nanos;
        this.outcome = txId != 0 ? OPEN : NO_TRANSACTION;
        this.effectiveNanos = nanos;
    }

    boolean table() {
        return what.startsWith("table ");
    }

    /**
     * Whether the write names the entry with this key: its identifier, or a key value the statement names, is one of
     * the key's variables; a statement that names no value may change any entry.
     */
    boolean names(String printedKey, @Nullable String keyFingerprint) {
        if (fingerprint != null) {
            // A table another instance changed names no entry: it may have changed any of them.
            return fingerprint.isEmpty() || fingerprint.equals(keyFingerprint);
        }
        List<String> variables = KeyShape.of(printedKey).variables();
        if (id != null) {
            return printedKey.equals(id) || variables.contains(id);
        }
        if (values.isEmpty()) {
            return true;
        }
        for (String value : values) {
            if (printedKey.equals(value) || variables.contains(value)) {
                return true;
            }
        }
        return false;
    }

    /** The write path without its package, as a timeline shows it ({@code OrderService#ship(long)}). */
    String shortSite() {
        return Sites.shortSite(site);
    }
}
