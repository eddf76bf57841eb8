package dev.cacheaudit.sample.scenario;

/** Marks orders as delivered (scenario {@code dirty-check}). */
public interface Deliveries {

    /** The status of a delivered order. */
    String DELIVERED = "DELIVERED";

    /** Marks the order as delivered. */
    void markDelivered(long orderId);
}
