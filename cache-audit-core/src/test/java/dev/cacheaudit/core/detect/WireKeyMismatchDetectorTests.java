package dev.cacheaudit.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.finding.FindingKind;
import org.junit.jupiter.api.Test;

class WireKeyMismatchDetectorTests {

    private static final String READ = "com.acme.OrderCache#get";

    private static final String WRITE = "com.acme.OrderService#cancel";

    private final Harness harness = new Harness();

    @Test
    void deleteOfANearFormThatRemovesNothingIsKeyMismatch() {
        harness.redis("GET", "order:42", -1, READ).redis("DEL", "orders:42", 0, WRITE);

        assertThat(harness.observations).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(FindingKind.KEY_MISMATCH);
            assertThat(o.cache()).isEqualTo("order");
            assertThat(o.readKey()).isEqualTo("order:42");
            assertThat(o.writeKey()).isEqualTo("orders:42");
            assertThat(o.sites()).containsExactly(READ, WRITE);
        });
    }

    @Test
    void asynchronousUnlinkThatRemovesNothingIsKeyMismatchToo() {
        harness.redis("GET", "order:42", -1, READ).redis("UNLINK", "orders:42", 0, WRITE);

        assertThat(harness.of(FindingKind.KEY_MISMATCH)).hasSize(1);
    }

    @Test
    void deleteOfTheReadFormThatRemovesNothingStaysSilent() {
        harness.redis("GET", "order:42", -1, READ).redis("DEL", "order:43", 0, WRITE);

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void deleteThatRemovedAKeyStaysSilent() {
        harness.redis("GET", "order:42", -1, READ).redis("DEL", "orders:42", 1, WRITE);

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void deleteOfAnUnrelatedNamespaceSharingTheIdStaysSilent() {
        harness.redis("GET", "order:42", -1, READ).redis("DEL", "session:42", 0, WRITE);

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void springCacheKeysAreLeftToTheCacheLevelDetector() {
        harness.redis("GET", "users::42", -1, READ).redis("DEL", "users::user:42", 0, WRITE);

        assertThat(harness.observations).isEmpty();
    }

    @Test
    void deleteOfAnIdNeverReadStaysSilent() {
        harness.redis("GET", "order:42", -1, READ).redis("DEL", "orders:7", 0, WRITE);

        assertThat(harness.observations).isEmpty();
    }
}
