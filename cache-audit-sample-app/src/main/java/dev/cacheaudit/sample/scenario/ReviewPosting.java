package dev.cacheaudit.sample.scenario;

/** Posting a review of a product (scenario {@code evict-then-insert}). */
public interface ReviewPosting {

    /** How long the spam filter looks at a review before it is saved. */
    long SPAM_CHECK_MILLIS = 150;

    /** Checks the review and saves it. */
    void post(long productId, String author, String text);
}
