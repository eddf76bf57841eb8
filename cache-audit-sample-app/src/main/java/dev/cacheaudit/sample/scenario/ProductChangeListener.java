package dev.cacheaudit.sample.scenario;

/**
 * Receives the catalogue's "product changed" messages, whose payload carries the product id as text, and drops the
 * local product card (scenario {@code key-type}).
 */
public interface ProductChangeListener {

    /** A product changed elsewhere. */
    void productChanged(String productId);
}
