/**
 * Fleets: the instances of one application find each other through the Redis they already use and exchange what they
 * wrote, as keyed fingerprints, entity types, write sites and times only — never values, never raw keys. The transport
 * is an interface so that this package stays free of Spring and of any Redis client.
 */
@NullMarked
package dev.cacheaudit.core.fleet;

import org.jspecify.annotations.NullMarked;
