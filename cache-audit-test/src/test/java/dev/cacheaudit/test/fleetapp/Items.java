package dev.cacheaudit.test.fleetapp;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Items cached in a map local to each instance; with {@code broadcast} on, a rename tells every instance to evict. */
public class Items {

    private final ItemRepository repository;

    private final StringRedisTemplate redis;

    private final String channel;

    private final boolean broadcast;

    Items(ItemRepository repository, StringRedisTemplate redis, String channel, boolean broadcast) {
        this.repository = repository;
        this.redis = redis;
        this.channel = channel;
        this.broadcast = broadcast;
    }

    @Cacheable("items")
    public Item find(Long id) {
        return repository.findById(id).orElseThrow();
    }

    @Transactional
    @CacheEvict(cacheNames = "items", key = "#id")
    public void rename(Long id, String name) {
        Item item = repository.findById(id).orElseThrow();
        item.rename(name);
        repository.save(item);
        if (broadcast) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    redis.convertAndSend(channel, String.valueOf(id));
                }
            });
        }
    }
}
