package dev.cacheaudit.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.RedisCommand;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.keys.RedisKeys;
import dev.cacheaudit.core.listen.AuditListener;
import dev.cacheaudit.testsupport.RedisServer;
import dev.cacheaudit.testsupport.RequiresRedis;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The twin of {@link RedisEvictionFailureTests} with a Redis user that may delete: the same application, the same
 * swallowing error handler, and evictions that succeed on the wire stay silent.
 */
@RequiresRedis
class RedisEvictionSuccessTests {

    private static final String PREFIX = "itest-" + UUID.randomUUID() + ":";

    /** DEL or UNLINK commands of this test's keys that removed an entry, as the engine analysed them. */
    private static final AtomicInteger removed = new AtomicInteger();

    private static ConfigurableApplicationContext context;

    private static CacheAudit audit;

    @BeforeAll
    static void start() throws InterruptedException {
        context = EvictionTwinsApp.run(RedisServer.require(), PREFIX);
        audit = context.getBean(CacheAudit.class);
        audit.addListener(new AuditListener() {
            @Override
            public void onEvent(CacheEvent event) {
                if (event instanceof RedisCommand command
                        && (command.command().equals("DEL") || command.command().equals("UNLINK"))
                        && command.error() == null
                        && command.result() > 0
                        && command.key() != null
                        && RedisKeys.print(command.key()).startsWith(PREFIX)) {
                    removed.incrementAndGet();
                }
            }
        });
        EvictionTwinsApp.readAndEvictThreeUsers(context);
        // Evictions are sent without waiting; a refused one would be reported a second after it failed.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (removed.get() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(1500);
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void evictionsThatRemoveTheirEntryStaySilent() {
        assertThat(removed).as("successful deletes analysed").hasValue(3);
        assertThat(audit.counters("users").evictions()).isEqualTo(3);
        assertThat(audit.findings().findings())
                .filteredOn(f -> f.kind() == FindingKind.EVICTION_FAILED)
                .isEmpty();
    }
}
