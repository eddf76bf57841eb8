package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.review.ReviewMapper;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;

/**
 * The fix of {@code evict-then-insert}: the same check and insert, and the product's reviews are evicted after the
 * insert, so a visitor who cached them during the check does not keep them.
 */
class EvictAfterReviewPosting implements ReviewPosting {

    private final ReviewMapper reviews;

    EvictAfterReviewPosting(ReviewMapper reviews) {
        this.reviews = Objects.requireNonNull(reviews, "reviews");
    }

    @Override
    @CacheEvict(cacheNames = CacheNames.PRODUCT_REVIEWS, key = "#productId")
    public void post(long productId, String author, String text) {
        Pause.of(SPAM_CHECK_MILLIS);
        reviews.insert(productId, author, text);
    }
}
