package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.user.User;
import dev.cacheaudit.sample.user.UserDto;
import dev.cacheaudit.sample.user.UserRepository;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Caching;

/** The fix of {@code key-default}: the eviction from {@code usersByEmail} names its key, {@code #user.email}. */
class EmailKeyUserAccounts implements UserAccounts {

    private final UserRepository users;

    EmailKeyUserAccounts(UserRepository users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    @Caching(
            evict = {
                @CacheEvict(cacheNames = CacheNames.USERS, key = "#user.id"),
                @CacheEvict(cacheNames = CacheNames.USERS_BY_EMAIL, key = "#user.email")
            })
    public UserDto save(User user) {
        return users.save(user).toDto();
    }
}
