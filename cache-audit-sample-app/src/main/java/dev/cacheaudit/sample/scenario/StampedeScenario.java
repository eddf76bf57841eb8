package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.RedisNamespace;
import dev.cacheaudit.sample.SampleBugs;
import dev.cacheaudit.sample.demo.Traffic;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.cache.BatchStrategies;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.cache.RedisCacheWriter.TtlFunction;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * {@code stampede}: the daily deal is cached in Redis for 80 ms ({@link DailyDeals#TIME_TO_LIVE}), read by
 * many visitors at once and slow to load, without {@code sync}: each expiry sends every concurrent reader to the
 * database ({@code STAMPEDE}); the fix is {@code @Cacheable(sync = true)}. Needs Redis for the short time to live: on
 * the in-memory fallback the traffic only says that it is skipped.
 */
@Configuration(proxyBeanMethods = false)
class StampedeScenario {

    static final String ID = "stampede";

    private static final Logger logger = LoggerFactory.getLogger(StampedeScenario.class);

    private static final int VISITORS = 16;

    private static final long VISITING_MILLIS = 1_000;

    private static final Duration LOCK_POLL = Duration.ofMillis(5);

    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(1);

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "spring.cache.type", havingValue = "redis", matchIfMissing = true)
    static class OnRedis {

        /**
         * The deals' own manager. Its cache writer locks: Spring Data Redis only makes {@code sync = true} wait for
         * the loading reader with a locking writer, and lets every concurrent miss load with the default non-locking
         * one. The lock expires on its own, so a process that dies while holding it cannot block the next run.
         */
        @Bean(DailyDeals.CACHE_MANAGER)
        RedisCacheManager dailyDealsCacheManager(RedisConnectionFactory connectionFactory, RedisNamespace namespace) {
            RedisCacheWriter lockingWriter = RedisCacheWriter.lockingRedisCacheWriter(
                    connectionFactory, LOCK_POLL, TtlFunction.just(LOCK_TIMEOUT), BatchStrategies.keys());
            return RedisCacheManager.builder(lockingWriter)
                    .cacheDefaults(namespace.cacheConfiguration(DailyDeals.TIME_TO_LIVE))
                    .initialCacheNames(java.util.Set.of(CacheNames.DAILY_DEALS))
                    .enableStatistics()
                    .build();
        }

        @Bean
        DailyDeals dailyDeals(SampleBugs bugs, ItemRepository items) {
            return bugs.enabled(ID) ? new UnsyncedDailyDeals(items) : new SyncedDailyDeals(items);
        }
    }

    /** Sixteen visitors read the daily deal in a loop for a second. */
    @Bean
    @Order(24)
    Traffic stampedeTraffic(ObjectProvider<DailyDeals> provider, ItemRepository items) {
        return log -> {
            DailyDeals deals = provider.getIfAvailable();
            if (deals == null) {
                logger.warn(
                        "Scenario {} skipped: its short time to live is a Redis cache's, and the app runs on its"
                                + " in-memory cache",
                        ID);
                return;
            }
            long id = Rows.ids(items, Item::getId).get(Rows.ITEM_ON_DEAL);
            long end = System.nanoTime() + VISITING_MILLIS * 1_000_000;
            ExecutorService visitors = Executors.newFixedThreadPool(VISITORS);
            try {
                List<Future<Long>> visits = new ArrayList<>();
                for (int i = 0; i < VISITORS; i++) {
                    visits.add(visitors.submit(() -> {
                        long reads = 0;
                        while (System.nanoTime() < end) {
                            deals.deal(id);
                            reads++;
                        }
                        return reads;
                    }));
                }
                for (Future<Long> visit : visits) {
                    log.reads(visit.get());
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException ex) {
                throw new IllegalStateException("A visitor of the daily deal failed", ex.getCause());
            } finally {
                visitors.shutdownNow();
            }
        };
    }
}
