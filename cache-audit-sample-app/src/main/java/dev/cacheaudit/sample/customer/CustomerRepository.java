package dev.cacheaudit.sample.customer;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Stores customers. */
public interface CustomerRepository extends JpaRepository<Customer, Long> {

    Optional<Customer> findByPhone(String phone);

    Optional<Customer> findByEmailIgnoreCase(String email);

    Optional<Customer> findByLoginIgnoreCase(String login);
}
