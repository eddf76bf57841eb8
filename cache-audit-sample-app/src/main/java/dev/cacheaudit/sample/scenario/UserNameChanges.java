package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.user.UserDto;

/** Back-office name changes of users (scenario {@code key-prefix}). */
public interface UserNameChanges {

    /** Renames the user and invalidates the cached user. */
    UserDto changeName(long id, String name);
}
