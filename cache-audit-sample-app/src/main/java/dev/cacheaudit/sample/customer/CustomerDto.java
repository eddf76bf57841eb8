package dev.cacheaudit.sample.customer;

import java.io.Serializable;

/**
 * A customer as cached and returned. Serializable because the Redis cache stores values with JDK serialization.
 *
 * @param id the id
 * @param phone the phone number, unique
 * @param email the e-mail address in lower case, unique
 * @param login the login as the customer registered it, unique
 * @param name the display name
 */
public record CustomerDto(long id, String phone, String email, String login, String name) implements Serializable {}
