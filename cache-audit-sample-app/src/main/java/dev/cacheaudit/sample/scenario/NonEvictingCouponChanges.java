package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.coupon.CouponMapper;
import java.util.Objects;

/**
 * The bug of {@code mybatis-no-evict}: the change is an update through the MyBatis mapper, which knows nothing of
 * caches, and nothing evicts the coupon, so the checkout keeps giving the old discount.
 */
class NonEvictingCouponChanges implements CouponChanges {

    private final CouponMapper coupons;

    NonEvictingCouponChanges(CouponMapper coupons) {
        this.coupons = Objects.requireNonNull(coupons, "coupons");
    }

    @Override
    public void changePercent(long id, int percent) {
        coupons.changePercent(id, percent);
    }
}
