package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.coupon.CouponMapper;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;

/** The fix of {@code mybatis-no-evict}: the same update, then the coupon's entry is evicted. */
class EvictingCouponChanges implements CouponChanges {

    private final CouponMapper coupons;

    EvictingCouponChanges(CouponMapper coupons) {
        this.coupons = Objects.requireNonNull(coupons, "coupons");
    }

    @Override
    @CacheEvict(cacheNames = CacheNames.COUPONS, key = "#id")
    public void changePercent(long id, int percent) {
        coupons.changePercent(id, percent);
    }
}
