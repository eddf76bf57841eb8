package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.item.Item;
import dev.cacheaudit.sample.item.ItemDto;
import dev.cacheaudit.sample.item.ItemRepository;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A read replica of the items table that lags the primary (scenario {@code replica-lag}): a change is replayed
 * {@code lag} after it was made on the primary. A row the replica has not seen yet is copied on its first read, as the
 * replica's initial sync would have.
 */
class StockReplica implements AutoCloseable {

    private final ItemRepository primary;

    private final Duration lag;

    private final Map<Long, ItemDto> rows = new ConcurrentHashMap<>();

    private final ScheduledExecutorService replication = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "stock-replica");
        thread.setDaemon(true);
        return thread;
    });

    StockReplica(ItemRepository primary, Duration lag) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.lag = Objects.requireNonNull(lag, "lag");
    }

    /** The item as the replica has it, or {@code null} when the primary has none. */
    @Nullable
    ItemDto find(long id) {
        ItemDto row = rows.get(id);
        return row != null ? row : copy(id);
    }

    /** Replays the primary's current row for {@code id} once the replication lag has passed. */
    void replicate(long id) {
        replication.schedule(() -> copy(id), lag.toMillis(), TimeUnit.MILLISECONDS);
    }

    private @Nullable ItemDto copy(long id) {
        ItemDto row = primary.findById(id).map(Item::toDto).orElse(null);
        if (row != null) {
            rows.put(id, row);
        }
        return row;
    }

    @Override
    public void close() {
        replication.shutdownNow();
    }
}
