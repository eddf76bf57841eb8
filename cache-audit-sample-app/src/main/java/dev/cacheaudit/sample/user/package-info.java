/** Users: entity, repository, cached reads by id and by email, and the REST endpoints. */
@NullMarked
package dev.cacheaudit.sample.user;

import org.jspecify.annotations.NullMarked;
