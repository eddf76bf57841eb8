package dev.cacheaudit.sample.coupon;

import java.io.Serializable;

/**
 * A coupon as cached and shown.
 *
 * @param id the id
 * @param code what the customer types at the checkout
 * @param percent the discount it gives, in percent
 */
public record Coupon(long id, String code, int percent) implements Serializable {}
