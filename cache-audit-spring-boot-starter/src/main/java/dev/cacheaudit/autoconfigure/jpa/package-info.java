/**
 * What JPA knows about cached values: entities are compared by their persistent state through the JPA metamodel,
 * never by their {@code equals}. Only active when JPA is on the class path and verification is on.
 */
@NullMarked
package dev.cacheaudit.autoconfigure.jpa;

import org.jspecify.annotations.NullMarked;
