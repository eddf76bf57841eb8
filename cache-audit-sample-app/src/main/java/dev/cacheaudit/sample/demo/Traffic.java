package dev.cacheaudit.sample.demo;

/**
 * One part of the demo's traffic. Every bean of this type is driven, in {@code @Order}; a scenario that needs traffic
 * of its own (a job, a second writer, concurrent readers) adds a bean.
 */
public interface Traffic {

    /** Sends this part's requests, recording them and checking each answer that must reflect a write. */
    void drive(TrafficLog log);
}
