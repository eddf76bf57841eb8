package dev.cacheaudit.sample.item;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * An item as cached and shown.
 *
 * @param id the id
 * @param sku the stock-keeping unit
 * @param price the unit price
 * @param quantity how many are in stock
 */
public record ItemDto(long id, String sku, BigDecimal price, int quantity) implements Serializable {}
