package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.SampleBugs;
import dev.cacheaudit.sample.demo.Traffic;
import dev.cacheaudit.sample.product.Product;
import dev.cacheaudit.sample.product.ProductDto;
import dev.cacheaudit.sample.product.ProductRepository;
import dev.cacheaudit.sample.product.ProductService;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * {@code clear-all}: each single-product price change evicts {@code allEntries} of {@code products}, so the whole
 * catalogue is reloaded after every write ({@code FULL_CLEAR}); the fix evicts {@code key = "#id"}.
 */
@Configuration(proxyBeanMethods = false)
class ClearAllScenario {

    static final String ID = "clear-all";

    private static final int ROUNDS = 3;

    @Bean
    PriceChanges priceChanges(SampleBugs bugs, ProductRepository products) {
        return bugs.enabled(ID) ? new ClearingPriceChanges(products) : new TargetedPriceChanges(products);
    }

    /** Three times: browses the whole catalogue, then changes the price of one product and reads it. */
    @Bean
    @Order(14)
    Traffic clearAllTraffic(ProductService service, PriceChanges prices, ProductRepository products) {
        return log -> {
            List<Long> ids = Rows.ids(products, Product::getId);
            long repriced = ids.get(Rows.PRODUCT_REPRICED);
            for (int round = 0; round < ROUNDS; round++) {
                for (long id : ids) {
                    log.read(service.find(id));
                }
                ProductDto before = service.find(repriced);
                ProductDto changed =
                        log.write(prices.reprice(repriced, before.price().add(BigDecimal.ONE)));
                log.readExpecting(
                        "product " + repriced,
                        changed.price(),
                        service.find(repriced).price());
            }
        };
    }
}
