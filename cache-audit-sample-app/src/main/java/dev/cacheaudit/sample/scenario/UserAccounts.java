package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.user.User;
import dev.cacheaudit.sample.user.UserDto;

/** Saves users changed by account management (scenario {@code key-default}). */
public interface UserAccounts {

    /** Saves the user and invalidates the cached user, by id and by e-mail. */
    UserDto save(User user);
}
