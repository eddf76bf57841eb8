/**
 * Parcels and the delivery rounds that carry them, in a table written with plain JDBC: the rounds' parcel lists are
 * cached, and parcels move between rounds (scenario {@code list-old-parent}).
 */
@NullMarked
package dev.cacheaudit.sample.delivery;

import org.jspecify.annotations.NullMarked;
