package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.LocalInvalidations;
import dev.cacheaudit.sample.RedisNamespace;
import dev.cacheaudit.sample.SampleBugs;
import dev.cacheaudit.sample.demo.Traffic;
import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemDto;
import dev.cacheaudit.sample.item.ItemRepository;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * {@code foreign-writer}: a supplier's system outside the application changes item prices in the shop's database and
 * then writes and deletes keys of its own beside the shop's offers in Redis; the shop never sees the change and keeps
 * serving the old prices. cache-audit reports the supplier's Redis commands ({@code FOREIGN_WRITE}, through keyspace
 * notifications, which the demo turns on for this scenario) and verification of sampled hits finds the offers stale
 * ({@code STALE_READ}). The fix is evict-on-change: the supplier publishes the ids it changed and the shop evicts them.
 */
@Configuration(proxyBeanMethods = false)
class ForeignWriterScenario {

    static final String ID = "foreign-writer";

    private static final String CHANGES_PREFIX = "sample:item-changes:";

    /** Time for a change notice to reach the shop before the offers are read again. */
    private static final long NOTICE_MILLIS = 300;

    /** How long the offers are browsed after the change: past the grace period and a verification window. */
    private static final long BROWSING_MILLIS = 2_000;

    private static final long PAUSE_MILLIS = 50;

    @Bean
    ItemOffers itemOffers(ItemRepository items) {
        return new ItemOffers(items);
    }

    @Bean
    SupplierSystem supplierSystem(
            DataSource dataSource,
            @Value("${spring.datasource.password:}") String password,
            @Value("${spring.data.redis.host:127.0.0.1}") String redisHost,
            @Value("${spring.data.redis.port:6379}") int redisPort) {
        return new SupplierSystem(dataSource, password, redisHost, redisPort);
    }

    /**
     * The supplier, whose notices (in the fix) go through Redis; on the in-memory fallback, without Redis, the sample
     * runs as one process and a notice is handed to the shop's listener in it.
     */
    @Bean
    Supplier supplier(
            SampleBugs bugs,
            SupplierSystem system,
            LocalInvalidations invalidations,
            RedisNamespace namespace,
            ItemChangeListener shop,
            ObjectProvider<RedisMessageListenerContainer> listeners) {
        if (bugs.enabled(ID)) {
            return new CacheWritingSupplier(system, namespace);
        }
        String channel = changes(namespace, invalidations);
        Consumer<String> notices =
                listeners.getIfAvailable() != null ? notice -> system.redis().publish(channel, notice) : shop::changed;
        return new NotifyingSupplier(system, notices);
    }

    @Bean
    ItemChangeListener itemChangeListener(
            CacheManager caches,
            LocalInvalidations invalidations,
            RedisNamespace namespace,
            ObjectProvider<RedisMessageListenerContainer> listeners) {
        ItemChangeListener listener = new ItemChangeListener(caches);
        listeners.ifAvailable(container ->
                container.addMessageListener(listener, new ChannelTopic(changes(namespace, invalidations))));
        return listener;
    }

    /** The channel of the supplier's change notices: one per database, in the sample's namespace. */
    private static String changes(RedisNamespace namespace, LocalInvalidations invalidations) {
        return namespace.name(CHANGES_PREFIX + invalidations.scope());
    }

    /** Shows two offers, lets the supplier change their prices, then keeps showing them for a while. */
    @Bean
    @Order(29)
    Traffic foreignWriterTraffic(ItemOffers offers, Supplier supplier, ItemRepository items) {
        return log -> {
            List<Long> ids = Rows.at(Rows.ids(items, Item::getId), Rows.ITEMS_ON_OFFER);
            Map<Long, BigDecimal> prices = new LinkedHashMap<>();
            for (long id : ids) {
                log.read(offers.offer(id));
                ItemDto before = log.read(offers.offer(id));
                prices.put(id, Item.money(before.price().add(BigDecimal.valueOf(2))));
            }
            supplier.changePrices(prices);
            Pause.of(NOTICE_MILLIS);
            for (long id : ids) {
                log.readExpecting(
                        "offer of item " + id, prices.get(id), offers.offer(id).price());
            }
            long end = System.nanoTime() + BROWSING_MILLIS * 1_000_000;
            while (System.nanoTime() < end) {
                ids.forEach(id -> log.read(offers.offer(id)));
                Pause.of(PAUSE_MILLIS);
            }
        };
    }
}
