package dev.cacheaudit.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A {@code @CacheEvict} whose key expression reads a field the request did not carry: Spring throws "Null key returned
 * for cache operation" after the method's write ran and before any cache call, so the cached list keeps the old
 * label. Seen in the field on a dictionary cache evicted by {@code #item.dictType}; the fix evicts by the type the
 * stored row holds.
 */
class NullKeyEvictionTests {

    private ConfigurableApplicationContext context;

    private DictService dicts;

    private CacheAudit audit;

    @BeforeEach
    void start() {
        context = TestApps.run(App.class);
        dicts = context.getBean(DictService.class);
        audit = context.getBean(CacheAudit.class);
    }

    @AfterEach
    void stop() {
        context.close();
    }

    @Test
    void evictionWhoseKeyExpressionGaveNullIsReportedAsEvictionFailed() throws InterruptedException {
        assertThat(dicts.labels("status")).containsExactly("on");

        assertThatThrownBy(() -> dicts.updateItem(new DictItem(1L, null, "enabled")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Null key returned for cache operation");

        assertThat(dicts.labels("status")).as("the entry stayed cached").containsExactly("on");
        Finding failed = awaitFinding(FindingKind.EVICTION_FAILED);
        assertThat(failed.cache()).isEqualTo("dicts");
        assertThat(failed.message()).contains("key expression gave null");
        assertThat(failed.sites())
                .anySatisfy(site -> assertThat(site).startsWith(DictService.class.getName() + "#updateItem("));
        assertThat(failed.evidence()).containsEntry("operation", "evict").containsEntry("swallowed", "false");
    }

    @Test
    void evictionByTheStoredRowsKeyIsSilent() throws InterruptedException {
        assertThat(dicts.labels("status")).containsExactly("on");
        long evictionsBefore = audit.counters("dicts").evictions();

        assertThat(dicts.updateItemByStoredType(new DictItem(1L, null, "enabled")))
                .isEqualTo("status");

        assertThat(dicts.labels("status"))
                .as("the entry was evicted and reloaded")
                .containsExactly("enabled");
        assertThat(audit.counters("dicts").evictions() - evictionsBefore).isEqualTo(1);
        assertNoEvictionFailureAfterTheDetectorsWindow();
    }

    @Test
    void anIllegalArgumentOfTheMethodItselfIsNotAnEvictionFailure() throws InterruptedException {
        assertThatThrownBy(() -> dicts.updateItemByStoredType(new DictItem(99L, "status", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no dictionary item 99");

        assertNoEvictionFailureAfterTheDetectorsWindow();
    }

    private Finding awaitFinding(FindingKind kind) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (Finding finding : audit.findings().findings()) {
                if (finding.kind() == kind) {
                    return finding;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(
                "no " + kind + " within 10 s; findings: " + audit.findings().findings());
    }

    /** The detector reports an unclaimed failure a second after it; waiting past that makes silence meaningful. */
    private void assertNoEvictionFailureAfterTheDetectorsWindow() throws InterruptedException {
        Thread.sleep(1_500);
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5))).isTrue();
        Thread.sleep(1_100);
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5))).isTrue();
        assertThat(audit.findings().findings()).extracting(Finding::kind).doesNotContain(FindingKind.EVICTION_FAILED);
    }

    record DictItem(Long id, @Nullable String dictType, String label) {}

    @InMemoryCachingApp
    static class App {

        @Bean
        DictService dictService() {
            return new DictService();
        }
    }

    static class DictService {

        private final Map<Long, DictItem> items = new ConcurrentHashMap<>(Map.of(1L, new DictItem(1L, "status", "on")));

        @Cacheable(cacheNames = "dicts", key = "#type")
        public List<String> labels(String type) {
            return items.values().stream()
                    .filter(item -> type.equals(item.dictType()))
                    .map(DictItem::label)
                    .toList();
        }

        /** The bug: the key comes from the request, which may not carry the type. */
        @CacheEvict(cacheNames = "dicts", key = "#item.dictType")
        public void updateItem(DictItem item) {
            DictItem stored = items.get(item.id());
            items.put(item.id(), new DictItem(item.id(), stored.dictType(), item.label()));
        }

        /** The fix: the key comes from the stored row. */
        @CacheEvict(cacheNames = "dicts", key = "#result")
        public String updateItemByStoredType(DictItem item) {
            DictItem stored = items.get(item.id());
            if (stored == null) {
                throw new IllegalArgumentException("no dictionary item " + item.id());
            }
            items.put(item.id(), new DictItem(item.id(), stored.dictType(), item.label()));
            return stored.dictType();
        }
    }
}
