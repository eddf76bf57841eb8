package dev.cacheaudit.autoconfigure.it.jdbc;

import java.util.List;
import java.util.Objects;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.Caching;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each lineage bug beside its fix, on a cache and a table of its own so that one application shows both directions.
 */
public class Scenarios {

    private final Store store;

    private final CacheManager caches;

    public Scenarios(Store store, CacheManager caches) {
        this.store = store;
        this.caches = caches;
    }

    // An update that never evicts (mybatis-no-evict), and its fix.

    @Cacheable("item-bug")
    public String itemBug(long id) {
        return store.name("item_bug", id);
    }

    public void renameItemBug(long id, String name) {
        store.rename("item_bug", id, name);
    }

    @Cacheable("item-fixed")
    public String itemFixed(long id) {
        return store.name("item_fixed", id);
    }

    @CacheEvict(cacheNames = "item-fixed", key = "#id")
    public void renameItemFixed(long id, String name) {
        store.rename("item_fixed", id, name);
    }

    // The same update inside a transaction, committed and rolled back.

    @Cacheable("item-tx")
    public String itemInTransaction(long id) {
        return store.name("item_tx", id);
    }

    @Transactional
    public void renameItemInTransaction(long id, String name) {
        store.rename("item_tx", id, name);
    }

    @Cacheable("item-rollback")
    public String itemRolledBack(long id) {
        return store.name("item_rollback", id);
    }

    @Transactional
    public void renameItemThenFail(long id, String name) {
        store.rename("item_rollback", id, name);
        throw new IllegalStateException("the rename is rolled back");
    }

    // An eviction of another entry than the one written.

    @Cacheable("item-other")
    public String itemOther(long id) {
        return store.name("item_other", id);
    }

    @CacheEvict(cacheNames = "item-other", key = "#other")
    public void renameItemEvictingOther(long id, long other, String name) {
        store.rename("item_other", id, name);
    }

    // Moving a child between parents evicts only the new parent's list (list-old-parent), and its fix.

    @Cacheable("children-bug")
    public List<String> childrenBug(long parentId) {
        return store.children("child_bug", parentId);
    }

    @CacheEvict(cacheNames = "children-bug", key = "#newParent")
    public void moveChildBug(long childId, long newParent) {
        store.move("child_bug", childId, newParent);
    }

    @Cacheable("children-fixed")
    public List<String> childrenFixed(long parentId) {
        return store.children("child_fixed", parentId);
    }

    @Caching(
            evict = {
                @CacheEvict(cacheNames = "children-fixed", key = "#oldParent"),
                @CacheEvict(cacheNames = "children-fixed", key = "#newParent")
            })
    public void moveChildFixed(long childId, long oldParent, long newParent) {
        store.move("child_fixed", childId, newParent);
    }

    // Evict, then insert, with no transaction (evict-then-insert), and its fix.

    @Cacheable("children-ei-bug")
    public List<String> childrenEvictFirst(long parentId) {
        return store.children("child_ei_bug", parentId);
    }

    public void addChildEvictingFirst(long parentId, String name) {
        Objects.requireNonNull(caches.getCache("children-ei-bug")).evict(parentId);
        store.insertChild("child_ei_bug", parentId, name);
    }

    @Cacheable("children-ei-fixed")
    public List<String> childrenEvictAfter(long parentId) {
        return store.children("child_ei_fixed", parentId);
    }

    public void addChildEvictingAfter(long parentId, String name) {
        store.insertChild("child_ei_fixed", parentId, name);
        Objects.requireNonNull(caches.getCache("children-ei-fixed")).evict(parentId);
    }

    // Caches lineage must leave alone.

    @Cacheable("settings")
    public String setting(String key) {
        return store.setting(key);
    }

    @Cacheable("computed")
    public long computed(long n) {
        return n * 2;
    }

    public void log(String message) {
        store.log(message);
    }
}
