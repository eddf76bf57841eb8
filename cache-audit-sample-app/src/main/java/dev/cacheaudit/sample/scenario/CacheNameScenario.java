package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.SampleBugs;
import dev.cacheaudit.sample.demo.Traffic;
import dev.cacheaudit.sample.product.Product;
import dev.cacheaudit.sample.product.ProductDto;
import dev.cacheaudit.sample.product.ProductRepository;
import dev.cacheaudit.sample.product.ProductService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * {@code cache-name}: reads cache products in {@code products} but renames evict from {@code product}, a cache nobody
 * reads, so renamed products keep their old name ({@code CACHE_NAME_MISMATCH}); the fix evicts from {@code products}.
 */
@Configuration(proxyBeanMethods = false)
class CacheNameScenario {

    static final String ID = "cache-name";

    @Bean
    ProductRenames productRenames(SampleBugs bugs, ProductRepository products) {
        return bugs.enabled(ID) ? new SingularCacheProductRenames(products) : new ReadCacheProductRenames(products);
    }

    /** Reads two products, renames each, then reads them again. */
    @Bean
    @Order(13)
    Traffic cacheNameTraffic(ProductService service, ProductRenames renames, ProductRepository products) {
        return log -> {
            for (long id : Rows.at(Rows.ids(products, Product::getId), Rows.PRODUCTS_RENAMED)) {
                ProductDto before = log.read(service.find(id));
                ProductDto renamed = log.write(renames.rename(id, before.name() + " (new edition)"));
                log.readExpecting(
                        "product " + id, renamed.name(), service.find(id).name());
            }
        };
    }
}
