package dev.cacheaudit.sample.product;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * A product as cached and returned by the API.
 *
 * @param id the id
 * @param name the name
 * @param price the unit price
 */
public record ProductDto(long id, String name, BigDecimal price) implements Serializable {}
