package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.user.User;
import dev.cacheaudit.sample.user.UserDto;
import dev.cacheaudit.sample.user.UserRepository;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Caching;

/**
 * The bug of {@code key-default}: the eviction from {@code usersByEmail} has no key, so Spring uses the whole
 * {@code User} argument as the key, while the reads key that cache by e-mail address.
 */
class DefaultKeyUserAccounts implements UserAccounts {

    private final UserRepository users;

    DefaultKeyUserAccounts(UserRepository users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    @Caching(
            evict = {
                @CacheEvict(cacheNames = CacheNames.USERS, key = "#user.id"),
                @CacheEvict(cacheNames = CacheNames.USERS_BY_EMAIL)
            })
    public UserDto save(User user) {
        return users.save(user).toDto();
    }
}
