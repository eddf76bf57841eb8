package dev.cacheaudit.sample.product;

import org.springframework.data.jpa.repository.JpaRepository;

/** Stores products. */
public interface ProductRepository extends JpaRepository<Product, Long> {}
