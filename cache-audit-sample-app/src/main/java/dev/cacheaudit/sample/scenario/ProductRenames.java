package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.product.ProductDto;

/** Renames products for the catalogue team (scenario {@code cache-name}). */
public interface ProductRenames {

    /** Renames the product and invalidates the cached product. */
    ProductDto rename(long id, String name);
}
