/** Products: entity, repository, cached reads by id, and the REST endpoints. */
@NullMarked
package dev.cacheaudit.sample.product;

import org.jspecify.annotations.NullMarked;
