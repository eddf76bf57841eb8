package dev.cacheaudit.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Eight threads miss one key of a slow {@code @Cacheable} method at once, on an in-memory cache (no Redis): without
 * {@code sync} every one of them loads, a stampede; with {@code sync = true} one loads and the others wait for its
 * value, and the same check stays silent.
 */
class StampedeSyncTests {

    private static final int THREADS = 8;

    private static ConfigurableApplicationContext context;

    private static CacheAudit audit;

    @BeforeAll
    static void start() throws Exception {
        // No Redis connection at all: the Redis auto-configurations of both Boot lines are left out.
        context = TestApps.run(
                App.class,
                "cache-audit.redaction.keys=plain",
                "spring.autoconfigure.exclude=org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration,"
                        + "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration");
        audit = context.getBean(CacheAudit.class);
        Quotes quotes = context.getBean(Quotes.class);
        concurrently(quotes::quote);
        concurrently(quotes::quoteSync);
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();
    }

    private static void concurrently(Lookup call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return call.apply("hot");
                }));
            }
            go.countDown();
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo("quote of hot");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    interface Lookup {

        String apply(String key) throws Exception;
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void concurrentLoadsOfOneKeyAreAStampede() {
        assertThat(Quotes.loads).hasValue(THREADS);
        assertThat(findings("quotes"))
                .as("all findings: %s", audit.findings().findings())
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.kind()).isEqualTo(FindingKind.STAMPEDE);
                    assertThat(f.sites()).anySatisfy(site -> assertThat(site).endsWith("Quotes#quote(String)"));
                });
    }

    @Test
    void synchronizedLoadOfOneKeyStaysSilent() {
        assertThat(context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
        assertThat(findings("quotes-sync")).isEmpty();
        assertThat(Quotes.syncLoads).as("loads behind sync = true").hasValue(1);
        assertThat(audit.counters("quotes-sync").puts())
                .as("the one load's put, recorded")
                .isEqualTo(1);
        assertThat(audit.counters("quotes-sync").gets())
                .as("every thread's read, recorded")
                .isEqualTo(THREADS);
    }

    private static List<Finding> findings(String cache) {
        return audit.findings().findings().stream()
                .filter(f -> f.cache().equals(cache))
                .toList();
    }

    @InMemoryCachingApp
    static class App {

        @Bean
        Quotes quotes() {
            return new Quotes();
        }
    }

    static class Quotes {

        // Static: the bean is a caching proxy, whose own fields are not the target's.
        static final AtomicInteger loads = new AtomicInteger();

        static final AtomicInteger syncLoads = new AtomicInteger();

        private static final CyclicBarrier allLoading = new CyclicBarrier(THREADS);

        /**
         * Every load waits for the others to have started, so that all the misses come before any put however the
         * threads are scheduled; the first to arrive puts first, with every other miss inside its load.
         */
        @Cacheable(cacheNames = "quotes")
        public String quote(String key) throws Exception {
            int arrival = loads.getAndIncrement();
            allLoading.await(10, TimeUnit.SECONDS);
            Thread.sleep(100 + arrival * 30L);
            return "quote of " + key;
        }

        @Cacheable(cacheNames = "quotes-sync", sync = true)
        public String quoteSync(String key) {
            syncLoads.incrementAndGet();
            return slowly(key);
        }

        private static String slowly(String key) {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return "quote of " + key;
        }
    }
}
