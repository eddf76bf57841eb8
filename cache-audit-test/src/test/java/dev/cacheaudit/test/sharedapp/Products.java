package dev.cacheaudit.test.sharedapp;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.transaction.annotation.Transactional;

/** Products cached in the shared Redis cache; a rename that evicts nothing (the bug that makes entries stale). */
public class Products {

    private final ProductRepository repository;

    Products(ProductRepository repository) {
        this.repository = repository;
    }

    @Cacheable("products")
    public Product find(Long id) {
        return repository.findById(id).orElseThrow();
    }

    @Transactional
    public void renameWithoutEviction(Long id, String name) {
        Product product = repository.findById(id).orElseThrow();
        product.rename(name);
        repository.save(product);
    }
}
