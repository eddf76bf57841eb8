package dev.cacheaudit.sample.review;

import java.io.Serializable;

/**
 * A review as cached and shown.
 *
 * @param id the id
 * @param productId the product reviewed
 * @param author who wrote it
 * @param text what they wrote
 */
public record Review(long id, long productId, String author, String text) implements Serializable {}
