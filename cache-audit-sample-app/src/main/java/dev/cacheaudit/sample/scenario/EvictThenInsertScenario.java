package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.SampleBugs;
import dev.cacheaudit.sample.demo.Traffic;
import dev.cacheaudit.sample.review.ReviewMapper;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * {@code evict-then-insert}: posting a review evicts the product's reviews first, then checks and inserts the review
 * through a MyBatis mapper, with no transaction around them. A visitor who reads the reviews in between caches the
 * list without the new review, and it stays cached. The order of the operations alone shows it: the only invalidation
 * of the entry ran shortly before an autocommitted insert into a table that feeds the cache ({@code
 * EVICT_BEFORE_COMMIT} with the stale-set window, naming the posting method, without verification). The fix evicts
 * after the insert.
 */
@Configuration(proxyBeanMethods = false)
class EvictThenInsertScenario {

    static final String ID = "evict-then-insert";

    /** How often the visitor reloads the product page while a review is posted. */
    private static final long VISIT_PAUSE_MILLIS = 10;

    @Bean
    ProductReviews productReviews(ReviewMapper reviews) {
        return new ProductReviews(reviews);
    }

    @Bean
    ReviewPosting reviewPosting(SampleBugs bugs, ReviewMapper reviews) {
        return bugs.enabled(ID) ? new EvictFirstReviewPosting(reviews) : new EvictAfterReviewPosting(reviews);
    }

    /**
     * Reads the reviews of each reviewed product twice, then posts a review of each while a visitor keeps reading that
     * product's reviews, then reads them again.
     */
    @Bean
    @Order(31)
    Traffic evictThenInsertTraffic(ProductReviews productReviews, ReviewPosting posting, ReviewMapper reviews) {
        return log -> {
            for (long productId : reviews.reviewedProducts()) {
                log.read(productReviews.of(productId));
                int before = log.read(productReviews.of(productId)).size();
                AtomicBoolean posted = new AtomicBoolean();
                AtomicLong visits = new AtomicLong();
                CompletableFuture<Void> visitor = CompletableFuture.runAsync(() -> {
                    while (!posted.get()) {
                        productReviews.of(productId);
                        visits.incrementAndGet();
                        Pause.of(VISIT_PAUSE_MILLIS);
                    }
                });
                try {
                    posting.post(productId, "Carol", "Grinds evenly, a little loud.");
                } finally {
                    posted.set(true);
                }
                join(visitor);
                log.reads(visits.get());
                log.write(productId);
                log.readExpecting(
                        "number of reviews of product " + productId,
                        before + 1,
                        productReviews.of(productId).size());
            }
        };
    }

    private static void join(CompletableFuture<Void> visitor) {
        try {
            visitor.get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException ex) {
            throw new IllegalStateException("The visitor of the product page failed", ex.getCause());
        }
    }
}
