package dev.cacheaudit.sample.order;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Stores orders. */
public interface OrderRepository extends JpaRepository<Order, Long> {

    /** A user's orders, the latest first. */
    List<Order> findByUserIdOrderByIdDesc(long userId);
}
