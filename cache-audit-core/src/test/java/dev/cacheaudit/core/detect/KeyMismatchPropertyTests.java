package dev.cacheaudit.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.event.CacheRegistered.KeyComparison;
import dev.cacheaudit.core.finding.FindingKind;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Generated key pairs: one form for reads and writes never yields a finding; a near written form always does. */
class KeyMismatchPropertyTests {

    private static final String READ = "com.acme.S#read";

    private static final String WRITE = "com.acme.S#write";

    @Property(tries = 300)
    void readsAndWritesOfOneFormNeverYieldAFinding(
            @ForAll("prefixes") String prefix,
            @ForAll("separators") String separator,
            @ForAll @Size(min = 1, max = 5) List<@LongRange(min = 0, max = 1_000_000) Long> readIds,
            @ForAll @Size(min = 1, max = 5) List<@LongRange(min = 0, max = 1_000_000) Long> writtenIds,
            @ForAll boolean serialized) {
        Harness harness = new Harness().cache("items", serialized ? KeyComparison.SERIALIZED : KeyComparison.EQUALS);
        readIds.forEach(id -> harness.read("items", prefix + separator + id, READ));
        writtenIds.forEach(id -> harness.evict("items", prefix + separator + id, WRITE));
        writtenIds.forEach(id -> harness.put("items", prefix + separator + id, WRITE));

        assertThat(harness.observations).isEmpty();
    }

    @Property(tries = 300)
    void aPluralOrMissingPrefixOnTheEvictionOfAReadIdIsAKeyMismatch(
            @ForAll("prefixes") String prefix,
            @ForAll("separators") String separator,
            @ForAll @LongRange(min = 0, max = 1_000_000) long id,
            @ForAll boolean bareRead) {
        Harness harness = new Harness().cache("items", KeyComparison.EQUALS);
        String read = bareRead ? String.valueOf(id) : prefix + separator + id;
        String written = bareRead ? prefix + separator + id : prefix + "s" + separator + id;
        harness.read("items", read, READ).evict("items", written, WRITE);

        assertThat(harness.of(FindingKind.KEY_MISMATCH)).singleElement().satisfies(o -> {
            assertThat(o.readKey()).isEqualTo(read);
            assertThat(o.writeKey()).isEqualTo(written);
        });
    }

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.of("user", "order", "product", "account", "cart", "invoice", "tenant");
    }

    @Provide
    Arbitrary<String> separators() {
        return Arbitraries.of(":", "::", "-", "_", "/", ".", "|");
    }
}
