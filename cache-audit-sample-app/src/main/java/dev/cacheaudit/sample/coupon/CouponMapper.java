package dev.cacheaudit.sample.coupon;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.jspecify.annotations.Nullable;

/** The {@code coupons} table, through MyBatis. */
@Mapper
public interface CouponMapper {

    @Select("SELECT id, code, discount_percent FROM coupons WHERE id = #{id}")
    @Nullable
    Coupon find(@Param("id") long id);

    @Select("SELECT id FROM coupons ORDER BY id")
    List<Long> ids();

    @Update("UPDATE coupons SET discount_percent = #{percent} WHERE id = #{id}")
    int changePercent(@Param("id") long id, @Param("percent") int percent);

    @Insert("INSERT INTO coupons (code, discount_percent) VALUES (#{code}, #{percent})")
    int insert(@Param("code") String code, @Param("percent") int percent);
}
