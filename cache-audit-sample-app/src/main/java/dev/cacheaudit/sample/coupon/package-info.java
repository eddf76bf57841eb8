/**
 * Coupons of the shop, read and written through a MyBatis mapper, not through JPA (scenario {@code mybatis-no-evict}).
 */
@NullMarked
package dev.cacheaudit.sample.coupon;

import org.jspecify.annotations.NullMarked;
