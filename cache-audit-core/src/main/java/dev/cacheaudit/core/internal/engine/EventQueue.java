package dev.cacheaudit.core.internal.engine;

import dev.cacheaudit.core.event.CacheEvent;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * A bounded multi-producer, single-consumer queue that never blocks or locks on the producer's side: when it is full,
 * the event is dropped and counted. The size counts events until they are processed, not just until they are taken,
 * so that {@link #size()} of zero means everything handed in so far has been analysed.
 */
final class EventQueue {

    private final ConcurrentLinkedQueue<CacheEvent> queue = new ConcurrentLinkedQueue<>();

    private final AtomicInteger size = new AtomicInteger();

    private final LongAdder dropped = new LongAdder();

    private final int capacity;

    EventQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    boolean offer(CacheEvent event) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            dropped.increment();
            return false;
        }
        queue.offer(event);
        return true;
    }

    @Nullable
    CacheEvent poll() {
        return queue.poll();
    }

    /** Marks one polled event as fully processed. */
    void done() {
        size.decrementAndGet();
    }

    int size() {
        return size.get();
    }

    long dropped() {
        return dropped.sum();
    }

    int capacity() {
        return capacity;
    }
}
