package dev.cacheaudit.sample.user;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Stores users. */
public interface UserRepository extends JpaRepository<User, Long> {

    Optional<User> findByEmail(String email);
}
