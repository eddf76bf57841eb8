package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.SampleBugs;
import dev.cacheaudit.sample.demo.Traffic;
import dev.cacheaudit.sample.product.Product;
import dev.cacheaudit.sample.product.ProductDto;
import dev.cacheaudit.sample.product.ProductRepository;
import dev.cacheaudit.sample.product.ProductService;
import java.math.BigDecimal;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * {@code key-type}: product cards are cached in memory under {@code Long} ids, but the change listener evicts the
 * {@code String} id of the message, which prints the same and matches nothing ({@code KEY_TYPE_MISMATCH}); the fix
 * evicts {@code Long.valueOf(productId)}.
 */
@Configuration(proxyBeanMethods = false)
class KeyTypeScenario {

    static final String ID = "key-type";

    @Bean
    ProductCards productCards(ProductService products) {
        return new ProductCards(products);
    }

    @Bean
    ProductChangeListener productChangeListener(SampleBugs bugs) {
        return bugs.enabled(ID) ? new TextKeyProductChangeListener() : new NumericKeyProductChangeListener();
    }

    /** Shows two product cards, changes each price (as the catalogue does, then sends its message) and shows them again. */
    @Bean
    @Order(12)
    Traffic keyTypeTraffic(
            ProductCards cards, ProductChangeListener listener, ProductService service, ProductRepository products) {
        return log -> {
            for (long id : Rows.at(Rows.ids(products, Product::getId), Rows.PRODUCTS_WITH_CARDS)) {
                log.read(cards.card(id));
                ProductDto before = log.read(cards.card(id));
                ProductDto changed = log.write(
                        service.update(id, before.name(), before.price().add(BigDecimal.TEN)));
                listener.productChanged(String.valueOf(id));
                log.readExpecting(
                        "product card " + id, changed.price(), cards.card(id).price());
            }
        };
    }
}
