package dev.cacheaudit.sample.order;

import java.util.Objects;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /orders/{id}} and {@code PUT /orders/{id}} (status). */
@RestController
@RequestMapping("/orders")
public class OrderController {

    private final OrderService service;

    public OrderController(OrderService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @GetMapping("/{id}")
    public OrderDto get(@PathVariable long id) {
        return service.find(id);
    }

    @PutMapping("/{id}")
    public OrderDto changeStatus(@PathVariable long id, @RequestBody StatusChange request) {
        return service.changeStatus(id, request.status());
    }

    /**
     * The body of a status change.
     *
     * @param status the new status
     */
    public record StatusChange(String status) {}
}
