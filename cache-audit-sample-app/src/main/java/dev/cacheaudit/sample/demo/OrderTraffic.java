package dev.cacheaudit.sample.demo;

import dev.cacheaudit.sample.order.Order;
import dev.cacheaudit.sample.order.OrderRepository;
import dev.cacheaudit.sample.order.OrderService;
import java.util.List;
import java.util.Objects;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

/** Reads every order several times and moves each through {@code PAID} and {@code SHIPPED}, reading after each step. */
@Component
@org.springframework.core.annotation.Order(3)
class OrderTraffic implements Traffic {

    private static final int READ_ROUNDS = 5;

    private static final List<String> STEPS = List.of("PAID", "SHIPPED");

    private final OrderService service;

    private final OrderRepository repository;

    OrderTraffic(OrderService service, OrderRepository repository) {
        this.service = Objects.requireNonNull(service, "service");
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    @Override
    public void drive(TrafficLog log) {
        List<Long> ids = repository.findAll(Sort.by("id")).stream()
                .map(Order::getId)
                .filter(Objects::nonNull)
                .toList();
        for (int round = 0; round < READ_ROUNDS; round++) {
            for (long id : ids) {
                log.read(service.find(id));
            }
        }
        for (String status : STEPS) {
            for (long id : ids) {
                log.write(service.changeStatus(id, status));
                for (int round = 0; round < 2; round++) {
                    log.readExpecting("order " + id, status, service.find(id).status());
                }
            }
        }
    }
}
