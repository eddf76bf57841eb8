package dev.cacheaudit.sample.review;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The {@code reviews} table, through MyBatis. */
@Mapper
public interface ReviewMapper {

    @Select("SELECT id, product_id, author, body FROM reviews WHERE product_id = #{productId} ORDER BY id")
    List<Review> ofProduct(@Param("productId") long productId);

    @Select("SELECT DISTINCT product_id FROM reviews ORDER BY product_id")
    List<Long> reviewedProducts();

    @Insert("INSERT INTO reviews (product_id, author, body) VALUES (#{productId}, #{author}, #{text})")
    int insert(@Param("productId") long productId, @Param("author") String author, @Param("text") String text);
}
