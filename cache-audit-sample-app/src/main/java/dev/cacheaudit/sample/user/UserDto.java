package dev.cacheaudit.sample.user;

import java.io.Serializable;

/**
 * A user as cached and returned by the API. Serializable because the Redis cache stores values with JDK serialization.
 *
 * @param id the id
 * @param email the e-mail address, unique
 * @param name the display name
 */
public record UserDto(long id, String email, String name) implements Serializable {}
