package dev.cacheaudit.sample.scenario;

/** The back office's changes to coupons (scenario {@code mybatis-no-evict}). */
public interface CouponChanges {

    /** Gives the coupon another discount. */
    void changePercent(long id, int percent);
}
