package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.SampleBugs;
import dev.cacheaudit.sample.demo.Traffic;
import dev.cacheaudit.sample.product.Product;
import dev.cacheaudit.sample.product.ProductDto;
import dev.cacheaudit.sample.product.ProductRepository;
import dev.cacheaudit.sample.product.ProductService;
import java.math.BigDecimal;
import org.springframework.cache.CacheManager;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * {@code evict-in-tx}: a {@code @Transactional} discount evicts the product from the (not transaction-aware)
 * {@code products} cache before its transaction commits, so a concurrent reader can cache the old price again
 * ({@code EVICT_BEFORE_COMMIT}); the fix evicts in a {@code @TransactionalEventListener(phase = AFTER_COMMIT)}.
 */
@Configuration(proxyBeanMethods = false)
class EvictInTxScenario {

    static final String ID = "evict-in-tx";

    private static final BigDecimal PERCENT = new BigDecimal("10");

    @Bean
    ProductDiscounts productDiscounts(
            SampleBugs bugs, ProductRepository products, CacheManager caches, ApplicationEventPublisher events) {
        return bugs.enabled(ID)
                ? new InTransactionEvictionDiscounts(products, caches)
                : new AfterCommitEvictionDiscounts(products, caches, events);
    }

    /** Reads a product, discounts it and reads it again. */
    @Bean
    @Order(15)
    Traffic evictInTxTraffic(ProductService service, ProductDiscounts discounts, ProductRepository products) {
        return log -> {
            long id = Rows.ids(products, Product::getId).get(Rows.PRODUCT_DISCOUNTED);
            ProductDto before = log.read(service.find(id));
            discounts.discount(id, PERCENT);
            log.write(id);
            log.readExpecting(
                    "product " + id,
                    ProductDiscounts.discounted(before.price(), PERCENT),
                    service.find(id).price());
        };
    }
}
