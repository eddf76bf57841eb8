package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;

/**
 * The shop's side of the fix of {@code foreign-writer}: the ids of items another system changed arrive on a Redis
 * channel, and each one's offer is evicted, so that the next read loads the new price.
 */
class ItemChangeListener implements MessageListener {

    private final CacheManager caches;

    ItemChangeListener(CacheManager caches) {
        this.caches = Objects.requireNonNull(caches, "caches");
    }

    @Override
    public void onMessage(Message message, byte @Nullable [] pattern) {
        changed(new String(message.getBody(), StandardCharsets.UTF_8));
    }

    /** Evicts the offers of the items in a notice: their ids, separated by commas. */
    void changed(String notice) {
        Cache offers = caches.getCache(CacheNames.ITEM_OFFERS);
        if (offers == null) {
            return;
        }
        for (String id : notice.split(",")) {
            try {
                offers.evict(Long.parseLong(id.trim()));
            } catch (NumberFormatException ex) {
                // Not an item id: the channel is open to anyone on this Redis.
            }
        }
    }
}
