package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.review.Review;
import dev.cacheaudit.sample.review.ReviewMapper;
import java.util.List;
import java.util.Objects;
import org.springframework.cache.annotation.Cacheable;

/** The reviews of a product, as its page lists them (scenario {@code evict-then-insert}). */
public class ProductReviews {

    private final ReviewMapper reviews;

    ProductReviews(ReviewMapper reviews) {
        this.reviews = Objects.requireNonNull(reviews, "reviews");
    }

    @Cacheable(cacheNames = CacheNames.PRODUCT_REVIEWS, key = "#productId")
    public List<Review> of(long productId) {
        return reviews.ofProduct(productId);
    }
}
