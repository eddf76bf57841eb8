package dev.cacheaudit.sample.scenario;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The fix of {@code foreign-writer}: the supplier leaves the shop's Redis keys alone and, once its prices are
 * committed, sends the ids it changed as a notice — published on the shop's change channel in Redis — and the shop
 * evicts on each change ({@link ItemChangeListener}).
 */
class NotifyingSupplier implements Supplier {

    private final SupplierSystem system;

    private final Consumer<String> notices;

    NotifyingSupplier(SupplierSystem system, Consumer<String> notices) {
        this.system = Objects.requireNonNull(system, "system");
        this.notices = Objects.requireNonNull(notices, "notices");
    }

    @Override
    public void changePrices(Map<Long, BigDecimal> prices) {
        system.updatePrices(prices);
        notices.accept(prices.keySet().stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
}
