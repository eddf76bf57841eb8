package dev.cacheaudit.sample.user;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.NotFoundException;
import java.util.Objects;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.Caching;
import org.springframework.stereotype.Service;

/**
 * Users, read through two caches: by id and by e-mail. A rename writes the new value through to both, under the same
 * keys the reads use; the e-mail address never changes, so no entry is left behind under an old address.
 */
@Service
public class UserService {

    private final UserRepository users;

    public UserService(UserRepository users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    @Cacheable(cacheNames = CacheNames.USERS, key = "#id")
    public UserDto find(long id) {
        return users.findById(id).map(User::toDto).orElseThrow(() -> new NotFoundException("user", id));
    }

    @Cacheable(cacheNames = CacheNames.USERS_BY_EMAIL, key = "#email")
    public UserDto findByEmail(String email) {
        return users.findByEmail(email).map(User::toDto).orElseThrow(() -> new NotFoundException("user", email));
    }

    @Caching(
            put = {
                @CachePut(cacheNames = CacheNames.USERS, key = "#id"),
                @CachePut(cacheNames = CacheNames.USERS_BY_EMAIL, key = "#result.email")
            })
    public UserDto rename(long id, String name) {
        User user = users.findById(id).orElseThrow(() -> new NotFoundException("user", id));
        user.setName(name);
        return users.save(user).toDto();
    }
}
