package dev.cacheaudit.autoconfigure.it.jcache;

import java.util.List;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A product catalogue cached in Spring caches that live in the same JCache manager as Hibernate's second-level cache:
 * each bug next to its fix on a cache of its own, every cache loading through the repository (and so through
 * Hibernate's second-level cache).
 */
public class Catalogue {

    private final ProductRepository products;

    private final CacheManager caches;

    private final ApplicationEventPublisher events;

    public Catalogue(ProductRepository products, CacheManager caches, ApplicationEventPublisher events) {
        this.products = products;
        this.caches = caches;
        this.events = events;
    }

    @Cacheable(cacheNames = "key-bug", key = "#id")
    public Product keyBug(Long id) {
        return load(id);
    }

    @CacheEvict(cacheNames = "key-bug", key = "'product:' + #id")
    public void renameKeyBug(Long id, String name) {
        rename(id, name);
    }

    @Cacheable(cacheNames = "key-fixed", key = "#id")
    public Product keyFixed(Long id) {
        return load(id);
    }

    @CacheEvict(cacheNames = "key-fixed", key = "#id")
    public void renameKeyFixed(Long id, String name) {
        rename(id, name);
    }

    @Cacheable(cacheNames = "job-bug", key = "#id")
    public Product jobBug(Long id) {
        return load(id);
    }

    /** A job that saves through the repository and never evicts. */
    public void renameByJobWithoutEviction(Long id, String name) {
        rename(id, name);
    }

    @Cacheable(cacheNames = "job-fixed", key = "#id")
    public Product jobFixed(Long id) {
        return load(id);
    }

    @CacheEvict(cacheNames = "job-fixed", key = "#id")
    public void renameByJobWithEviction(Long id, String name) {
        rename(id, name);
    }

    @Cacheable(cacheNames = "tx-bug", key = "#id")
    public Product txBug(Long id) {
        return load(id);
    }

    /** Evicts inside the transaction, before it commits: a reader may cache the old row again meanwhile. */
    @Transactional
    public void renameAndEvictInsideTransaction(Long id, String name) {
        products.findById(id).orElseThrow().rename(name);
        caches.getCache("tx-bug").evict(id);
    }

    @Cacheable(cacheNames = "tx-fixed", key = "#id")
    public Product txFixed(Long id) {
        return load(id);
    }

    /** Evicts once the transaction committed, from an {@code AFTER_COMMIT} listener. */
    @Transactional
    public void renameThenEvictAfterCommit(Long id, String name) {
        products.findById(id).orElseThrow().rename(name);
        events.publishEvent(new Renamed("tx-fixed", id));
    }

    @Cacheable(cacheNames = "views", key = "#id")
    @Transactional(readOnly = true)
    public Product view(Long id) {
        return load(id);
    }

    @Cacheable(cacheNames = "views-fixed", key = "#id")
    @Transactional(readOnly = true)
    public Product viewFixed(Long id) {
        return load(id);
    }

    @CacheEvict(cacheNames = "views-fixed", key = "#id")
    public void renameViewFixed(Long id, String name) {
        rename(id, name);
    }

    @Cacheable(cacheNames = "ref-eternal", key = "#id")
    public Product referenceEternal(Long id) {
        return load(id);
    }

    @Cacheable(cacheNames = "ref-long-ttl", key = "#id")
    public Product referenceLongLived(Long id) {
        return load(id);
    }

    @Cacheable(cacheNames = "ref-short-ttl", key = "#id")
    public Product referenceShortLived(Long id) {
        return load(id);
    }

    /** Hibernate's own use of its caches: entity and collection regions, the query cache and its timestamps. */
    public List<Product> byName(String name) {
        return products.findByName(name);
    }

    private Product load(Long id) {
        return products.findById(id).orElseThrow();
    }

    private void rename(Long id, String name) {
        Product product = products.findById(id).orElseThrow();
        product.rename(name);
        products.save(product);
    }

    public record Renamed(String cache, Long id) {}

    /** Evicts after the commit of the transaction that renamed. */
    public static class AfterCommitEviction {

        private final CacheManager caches;

        public AfterCommitEviction(CacheManager caches) {
            this.caches = caches;
        }

        @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
        public void on(Renamed renamed) {
            caches.getCache(renamed.cache()).evict(renamed.id());
        }
    }
}
