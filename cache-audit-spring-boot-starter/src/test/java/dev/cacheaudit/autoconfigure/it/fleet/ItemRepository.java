package dev.cacheaudit.autoconfigure.it.fleet;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ItemRepository extends JpaRepository<Item, Long> {}
