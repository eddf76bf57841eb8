/**
 * Reference data: countries and currencies, read far more often than they change, and cached as the JPA entities
 * themselves (scenarios {@code entity-no-equals} and {@code entity-id-equals}).
 */
@NullMarked
package dev.cacheaudit.sample.reference;

import org.jspecify.annotations.NullMarked;
