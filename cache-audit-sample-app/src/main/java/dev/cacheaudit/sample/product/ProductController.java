package dev.cacheaudit.sample.product;

import java.math.BigDecimal;
import java.util.Objects;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /products/{id}} and {@code PUT /products/{id}} (name and price). */
@RestController
@RequestMapping("/products")
public class ProductController {

    private final ProductService service;

    public ProductController(ProductService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @GetMapping("/{id}")
    public ProductDto get(@PathVariable long id) {
        return service.find(id);
    }

    @PutMapping("/{id}")
    public ProductDto update(@PathVariable long id, @RequestBody Update request) {
        return service.update(id, request.name(), request.price());
    }

    /**
     * The body of an update.
     *
     * @param name the new name
     * @param price the new unit price
     */
    public record Update(String name, BigDecimal price) {}
}
