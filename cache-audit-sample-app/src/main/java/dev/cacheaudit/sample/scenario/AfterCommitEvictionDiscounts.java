package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.product.Product;
import dev.cacheaudit.sample.product.ProductRepository;
import java.math.BigDecimal;
import java.util.Objects;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** The fix of {@code evict-in-tx}: the discount publishes an event, and the product is evicted once it committed. */
class AfterCommitEvictionDiscounts implements ProductDiscounts {

    private final ProductRepository products;

    private final CacheManager caches;

    private final ApplicationEventPublisher events;

    AfterCommitEvictionDiscounts(ProductRepository products, CacheManager caches, ApplicationEventPublisher events) {
        this.products = Objects.requireNonNull(products, "products");
        this.caches = Objects.requireNonNull(caches, "caches");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    @Transactional
    public void discount(long id, BigDecimal percent) {
        Product product = products.findById(id).orElseThrow(() -> new NotFoundException("product", id));
        product.update(product.getName(), ProductDiscounts.discounted(product.getPrice(), percent));
        events.publishEvent(new ProductDiscounted(id));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    public void evictAfterCommit(ProductDiscounted discounted) {
        Cache cache = caches.getCache(CacheNames.PRODUCTS);
        if (cache != null) {
            cache.evict(discounted.id());
        }
    }

    /**
     * A discount was applied.
     *
     * @param id the product's id
     */
    record ProductDiscounted(long id) {}
}
