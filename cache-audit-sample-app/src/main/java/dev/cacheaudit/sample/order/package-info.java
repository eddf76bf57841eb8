/** Orders: entity, repository, cached reads by id, and the REST endpoints. */
@NullMarked
package dev.cacheaudit.sample.order;

import org.jspecify.annotations.NullMarked;
