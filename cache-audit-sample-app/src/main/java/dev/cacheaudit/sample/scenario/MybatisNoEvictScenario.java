package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.SampleBugs;
import dev.cacheaudit.sample.coupon.Coupon;
import dev.cacheaudit.sample.coupon.CouponMapper;
import dev.cacheaudit.sample.demo.Traffic;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * {@code mybatis-no-evict}: the back office changes a coupon's discount with an update through a MyBatis mapper and
 * evicts nothing, so the checkout keeps the old discount. No JPA entity is written, so only the statement recorded at
 * the JDBC level shows the write: its table feeds the {@code coupons} cache, and nothing invalidated the entry it
 * changed ({@code UNCOVERED_WRITE} naming the changing method, without verification). The fix evicts the coupon.
 */
@Configuration(proxyBeanMethods = false)
class MybatisNoEvictScenario {

    static final String ID = "mybatis-no-evict";

    /** How many points the back office adds to each coupon's discount. */
    private static final int MORE = 5;

    @Bean
    CouponCatalog couponCatalog(CouponMapper coupons) {
        return new CouponCatalog(coupons);
    }

    @Bean
    CouponChanges couponChanges(SampleBugs bugs, CouponMapper coupons) {
        return bugs.enabled(ID) ? new NonEvictingCouponChanges(coupons) : new EvictingCouponChanges(coupons);
    }

    /** Reads every coupon twice, raises the discount of each, then reads them again. */
    @Bean
    @Order(30)
    Traffic mybatisNoEvictTraffic(CouponCatalog catalog, CouponChanges changes, CouponMapper coupons) {
        return log -> {
            List<Long> ids = coupons.ids();
            for (long id : ids) {
                log.read(catalog.coupon(id));
                log.read(catalog.coupon(id));
            }
            for (long id : ids) {
                Coupon before = catalog.coupon(id);
                changes.changePercent(id, before.percent() + MORE);
                log.write(id);
                log.readExpecting(
                        "discount of coupon " + id,
                        before.percent() + MORE,
                        catalog.coupon(id).percent());
            }
        };
    }
}
