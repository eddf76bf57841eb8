package dev.cacheaudit.sample.demo;

import dev.cacheaudit.sample.product.Product;
import dev.cacheaudit.sample.product.ProductDto;
import dev.cacheaudit.sample.product.ProductRepository;
import dev.cacheaudit.sample.product.ProductService;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

/** Reads every product several times, raises each price by one, then reads them again. */
@Component
@Order(2)
class ProductTraffic implements Traffic {

    private static final int READ_ROUNDS = 5;

    private final ProductService service;

    private final ProductRepository repository;

    ProductTraffic(ProductService service, ProductRepository repository) {
        this.service = Objects.requireNonNull(service, "service");
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    @Override
    public void drive(TrafficLog log) {
        List<Long> ids = repository.findAll(Sort.by("id")).stream()
                .map(Product::getId)
                .filter(Objects::nonNull)
                .toList();
        for (int round = 0; round < READ_ROUNDS; round++) {
            for (long id : ids) {
                log.read(service.find(id));
            }
        }
        for (long id : ids) {
            ProductDto before = service.find(id);
            ProductDto updated =
                    log.write(service.update(id, before.name(), before.price().add(BigDecimal.ONE)));
            for (int round = 0; round < 2; round++) {
                log.readExpecting(
                        "product " + id, updated.price(), service.find(id).price());
            }
        }
    }
}
