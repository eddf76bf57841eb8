/**
 * Integration tests that use only APIs present in both Spring Boot 3.5 and 4.0; the {@code boot3} build runs them
 * again on Spring Boot 3.5 against the starter jar built for 4.0.
 */
package dev.cacheaudit.autoconfigure.it;
