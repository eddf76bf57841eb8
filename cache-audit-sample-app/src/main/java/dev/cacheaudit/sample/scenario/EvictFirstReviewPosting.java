package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.review.ReviewMapper;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;

/**
 * The bug of {@code evict-then-insert}: the product's reviews are evicted before the review is checked and inserted,
 * with no transaction around them. A visitor of the product page in between loads the reviews without the new one and
 * caches them again, and nothing evicts them after the insert.
 */
class EvictFirstReviewPosting implements ReviewPosting {

    private final ReviewMapper reviews;

    EvictFirstReviewPosting(ReviewMapper reviews) {
        this.reviews = Objects.requireNonNull(reviews, "reviews");
    }

    @Override
    @CacheEvict(cacheNames = CacheNames.PRODUCT_REVIEWS, key = "#productId", beforeInvocation = true)
    public void post(long productId, String author, String text) {
        Pause.of(SPAM_CHECK_MILLIS);
        reviews.insert(productId, author, text);
    }
}
