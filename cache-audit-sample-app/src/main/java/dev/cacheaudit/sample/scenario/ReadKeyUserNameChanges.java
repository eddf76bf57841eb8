package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.user.User;
import dev.cacheaudit.sample.user.UserDto;
import dev.cacheaudit.sample.user.UserRepository;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Caching;

/** The fix of {@code key-prefix}: the eviction keys {@code users} with {@code #id}, as the reads do. */
class ReadKeyUserNameChanges implements UserNameChanges {

    private final UserRepository users;

    ReadKeyUserNameChanges(UserRepository users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    @Caching(
            evict = {
                @CacheEvict(cacheNames = CacheNames.USERS, key = "#id"),
                @CacheEvict(cacheNames = CacheNames.USERS_BY_EMAIL, key = "#result.email")
            })
    public UserDto changeName(long id, String name) {
        User user = users.findById(id).orElseThrow(() -> new NotFoundException("user", id));
        user.setName(name);
        return users.save(user).toDto();
    }
}
