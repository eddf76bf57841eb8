package dev.cacheaudit.sample.scenario;

/**
 * Order statuses for the hot status endpoint, cached by hand in Redis under {@code sample:order:{id}} (scenario
 * {@code template-key}).
 */
public interface OrderStatuses {

    /** The prefix of the hand-written cache's keys. */
    String KEY_PREFIX = "sample:order:";

    /** The order's status, from Redis when cached. */
    String status(long id);

    /** Changes the order's status and invalidates what is cached of it. */
    void changeStatus(long id, String status);
}
