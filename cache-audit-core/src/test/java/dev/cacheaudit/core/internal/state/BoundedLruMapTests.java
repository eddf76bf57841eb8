package dev.cacheaudit.core.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedLruMapTests {

    private static BoundedLruMap<String, String> tenPerEntry(long budget) {
        return new BoundedLruMap<>(budget, (k, v) -> 10);
    }

    private static List<String> keys(BoundedLruMap<String, ?> map) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, ?> entry : map.entries()) {
            keys.add(entry.getKey());
        }
        return keys;
    }

    @Test
    void theWeightNeverPassesTheBudget() {
        BoundedLruMap<String, String> map = new BoundedLruMap<>(100, (k, v) -> k.length());

        for (int i = 0; i < 1_000; i++) {
            map.computeIfAbsent("key-" + i, k -> "v");
            assertThat(map.weight()).isLessThanOrEqualTo(100);
        }
        assertThat(map.size()).isPositive().isLessThan(1_000);
        assertThat(map.evicted()).isEqualTo(1_000 - map.size());
    }

    @Test
    void theLeastRecentlyUsedEntryIsForgottenFirst() {
        BoundedLruMap<String, String> map = tenPerEntry(30);
        map.computeIfAbsent("a", k -> "A");
        map.computeIfAbsent("b", k -> "B");
        map.computeIfAbsent("c", k -> "C");
        assertThat(map.get("a")).isEqualTo("A"); // a is now the most recently used

        map.computeIfAbsent("d", k -> "D");

        assertThat(map.get("b")).isNull();
        assertThat(keys(map)).containsExactly("c", "a", "d");
        assertThat(map.evicted()).isEqualTo(1);
        assertThat(map.weight()).isEqualTo(30);
        assertThat(map.size()).isEqualTo(3);
    }

    @Test
    void computeIfAbsentReturnsTheExistingValueWithoutCallingTheFactory() {
        BoundedLruMap<String, List<String>> map = new BoundedLruMap<>(1_000, (k, v) -> 10);
        AtomicInteger created = new AtomicInteger();
        List<String> first = map.computeIfAbsent("k", k -> {
            created.incrementAndGet();
            return new ArrayList<>();
        });

        List<String> second = map.computeIfAbsent("k", k -> {
            created.incrementAndGet();
            return new ArrayList<>();
        });

        assertThat(second).isSameAs(first);
        assertThat(created).hasValue(1);
        assertThat(map.weight()).isEqualTo(10);
    }

    @Test
    void iteratingDoesNotChangeTheOrder() {
        BoundedLruMap<String, String> map = tenPerEntry(30);
        map.computeIfAbsent("a", k -> "A");
        map.computeIfAbsent("b", k -> "B");
        map.computeIfAbsent("c", k -> "C");

        assertThat(keys(map)).containsExactly("a", "b", "c");
        assertThat(keys(map)).containsExactly("a", "b", "c");
        map.computeIfAbsent("d", k -> "D");
        assertThat(keys(map)).containsExactly("b", "c", "d");
    }

    @Test
    void aNonPositiveBudgetIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> tenPerEntry(0)).withMessageContaining("maxWeight");
    }
}
