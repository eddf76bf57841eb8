package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.coupon.Coupon;
import dev.cacheaudit.sample.coupon.CouponMapper;
import java.util.Objects;
import org.springframework.cache.annotation.Cacheable;

/** Coupons by id, as the checkout reads them (scenario {@code mybatis-no-evict}). */
public class CouponCatalog {

    private final CouponMapper coupons;

    CouponCatalog(CouponMapper coupons) {
        this.coupons = Objects.requireNonNull(coupons, "coupons");
    }

    @Cacheable(cacheNames = CacheNames.COUPONS, key = "#id")
    public Coupon coupon(long id) {
        Coupon coupon = coupons.find(id);
        if (coupon == null) {
            throw new NotFoundException("coupon", id);
        }
        return coupon;
    }
}
