package dev.cacheaudit.sample.scenario;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The seeded rows each scenario's traffic writes, by position in id order. Scenarios that write the same entity write
 * different rows, so that one scenario's write never meets another scenario's cached entry.
 */
final class Rows {

    /** Users renamed in the back office ({@code key-prefix}). */
    static final List<Integer> USERS_RENAMED = List.of(0, 1);

    /** Users saved by the account service ({@code key-default}). */
    static final List<Integer> USERS_SAVED = List.of(2, 3);

    /** Users who place an order ({@code swallowed-evict}). */
    static final List<Integer> USERS_ORDERING = List.of(0, 1);

    /** Products whose cards are cached locally and changed ({@code key-type}). */
    static final List<Integer> PRODUCTS_WITH_CARDS = List.of(0, 1);

    /** Products renamed ({@code cache-name}). */
    static final List<Integer> PRODUCTS_RENAMED = List.of(2, 3);

    /** The product repriced again and again ({@code clear-all}). */
    static final int PRODUCT_REPRICED = 4;

    /** The product discounted ({@code evict-in-tx}). */
    static final int PRODUCT_DISCOUNTED = 5;

    /** The product ordered, one nobody ordered before ({@code swallowed-evict}). */
    static final int PRODUCT_ORDERED = 7;

    /** Orders whose status is cached by hand in Redis ({@code template-key}). */
    static final List<Integer> ORDERS_HAND_CACHED = List.of(0, 1);

    /** Orders marked delivered ({@code dirty-check}). */
    static final List<Integer> ORDERS_DELIVERED = List.of(2, 3, 4);

    /** Items whose prices the bulk import changes ({@code jdbc-bypass}). */
    static final List<Integer> ITEMS_IMPORTED = List.of(0, 1);

    /** Items restocked while their stock levels are read from the replica ({@code replica-lag}). */
    static final List<Integer> ITEMS_RESTOCKED = List.of(2, 3);

    /** Items sold again and again ({@code long-ttl}). */
    static final List<Integer> ITEMS_SOLD = List.of(4, 5);

    /** Items whose shelf labels are cached at start-up, then restocked ({@code warm-once}). */
    static final List<Integer> ITEMS_LABELLED = List.of(6, 7);

    /** The item of the daily deal, read by everyone at once ({@code stampede}). */
    static final int ITEM_ON_DEAL = 8;

    /** The item whose shelf stock every instance holds in its memory ({@code local-multi}). */
    static final int ITEM_ON_SHELF = 9;

    /** Items whose offers a supplier's system changes from outside the application ({@code foreign-writer}). */
    static final List<Integer> ITEMS_ON_OFFER = List.of(10, 11);

    /** Customers the till finds by phone and renames ({@code key-attribute}). */
    static final List<Integer> CUSTOMERS_FOUND_BY_PHONE = List.of(0, 1);

    /** Customers who sign in by e-mail address and are renamed ({@code key-case}). */
    static final List<Integer> CUSTOMERS_SIGNING_IN = List.of(2, 3);

    /** Customers whose profiles are found by login and renamed ({@code key-login}). */
    static final List<Integer> CUSTOMERS_BY_LOGIN = List.of(4, 5);

    private Rows() {}

    /** The ids of all rows, in id order. */
    static <T> List<Long> ids(JpaRepository<T, Long> repository, Function<T, Long> id) {
        return repository.findAll(Sort.by("id")).stream()
                .map(id)
                .filter(Objects::nonNull)
                .toList();
    }

    /** The ids at the given positions. */
    static List<Long> at(List<Long> ids, List<Integer> positions) {
        return positions.stream().map(ids::get).toList();
    }
}
