package dev.cacheaudit.sample.item;

import org.springframework.data.jpa.repository.JpaRepository;

/** Stores items. */
public interface ItemRepository extends JpaRepository<Item, Long> {}
