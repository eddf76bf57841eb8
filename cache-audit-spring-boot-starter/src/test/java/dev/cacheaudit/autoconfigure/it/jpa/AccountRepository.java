package dev.cacheaudit.autoconfigure.it.jpa;

import java.util.Optional;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

public interface AccountRepository extends JpaRepository<Account, Long> {

    @Cacheable(cacheNames = "accountsByName", key = "#name")
    Optional<Account> findByName(String name);

    @Transactional
    @Modifying
    @Query("update Account a set a.name = ?2 where a.id = ?1")
    int rename(Long id, String name);
}
