package dev.cacheaudit.benchmarks;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.cache.annotation.Cacheable;

/** The cached business method under test. It counts its loads so that set-up can tell when every call is a hit. */
public class ItemService {

    private final AtomicLong loads = new AtomicLong();

    @Cacheable(cacheNames = "items", key = "#id")
    public Item find(long id) {
        loads.incrementAndGet();
        return new Item(id, "item-" + id, 100 + id);
    }

    public long loads() {
        return loads.get();
    }
}
