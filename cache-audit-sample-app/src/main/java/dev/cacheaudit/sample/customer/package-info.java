/**
 * Customers of the shop's loyalty programme: found by phone at the till, signing in by e-mail and by login on the web
 * (scenarios {@code key-attribute}, {@code key-case} and {@code key-login}).
 */
@NullMarked
package dev.cacheaudit.sample.customer;

import org.jspecify.annotations.NullMarked;
