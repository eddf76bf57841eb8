package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.SampleBugs;
import dev.cacheaudit.sample.demo.Traffic;
import dev.cacheaudit.sample.product.Product;
import dev.cacheaudit.sample.product.ProductRepository;
import dev.cacheaudit.sample.product.ProductService;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * {@code job-no-evict}: a scheduled price indexation saves every product through the repository and evicts nothing,
 * so the price list keeps the old prices ({@code UNCOVERED_WRITE} with the job as write path); the fix evicts each
 * product it saves. The schedule ({@code sample.jobs.cron}) is off by default; the demo runs the job itself, after
 * every other scenario that changes products.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class JobNoEvictScenario {

    static final String ID = "job-no-evict";

    @Bean
    PriceList priceList(ProductRepository products) {
        return new PriceList(products);
    }

    @Bean
    PriceIndexation priceIndexation(
            SampleBugs bugs,
            ProductRepository products,
            CacheManager caches,
            @Qualifier(CacheNames.LOCAL_CACHE_MANAGER) CacheManager localCaches) {
        return bugs.enabled(ID)
                ? new NonEvictingPriceIndexation(products)
                : new EvictingPriceIndexation(products, caches, localCaches);
    }

    /** Reads the whole price list twice, runs the indexation job, then reads every price again. */
    @Bean
    @Order(18)
    Traffic jobNoEvictTraffic(
            PriceList prices, PriceIndexation job, ProductService service, ProductRepository products) {
        return log -> {
            List<Long> ids = Rows.ids(products, Product::getId);
            for (int round = 0; round < 2; round++) {
                for (long id : ids) {
                    log.read(prices.price(id));
                }
            }
            List<BigDecimal> before = ids.stream().map(prices::price).toList();
            job.indexPrices();
            log.write(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                long id = ids.get(i);
                BigDecimal expected = PriceIndexation.indexed(before.get(i));
                log.readExpecting("price of product " + id, expected, prices.price(id));
                log.readExpecting("product " + id, expected, service.find(id).price());
            }
        };
    }
}
