package dev.cacheaudit.sample.order;

import java.io.Serializable;

/**
 * An order as cached and returned by the API.
 *
 * @param id the id
 * @param userId the user who ordered
 * @param productId the product ordered
 * @param quantity how many
 * @param status where the order stands ({@code NEW}, {@code PAID}, {@code SHIPPED}, ...)
 */
public record OrderDto(long id, long userId, long productId, int quantity, String status) implements Serializable {}
