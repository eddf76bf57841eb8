package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.NotFoundException;
import dev.cacheaudit.sample.SampleBugs;
import dev.cacheaudit.sample.demo.Traffic;
import dev.cacheaudit.sample.user.User;
import dev.cacheaudit.sample.user.UserDto;
import dev.cacheaudit.sample.user.UserRepository;
import dev.cacheaudit.sample.user.UserService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * {@code key-default}: {@code save(User)} evicts {@code usersByEmail} without a key, so the whole {@code User} is the
 * key while reads are keyed by e-mail, and lookups by e-mail keep the old user ({@code KEY_MISMATCH}); the fix evicts
 * {@code key = "#user.email"}.
 */
@Configuration(proxyBeanMethods = false)
class KeyDefaultScenario {

    static final String ID = "key-default";

    @Bean
    UserAccounts userAccounts(SampleBugs bugs, UserRepository users) {
        return bugs.enabled(ID) ? new DefaultKeyUserAccounts(users) : new EmailKeyUserAccounts(users);
    }

    /** Reads two users by e-mail, changes each through account management, then reads them again both ways. */
    @Bean
    @Order(11)
    Traffic keyDefaultTraffic(UserService service, UserAccounts accounts, UserRepository users) {
        return log -> {
            for (long id : Rows.at(Rows.ids(users, User::getId), Rows.USERS_SAVED)) {
                User user = users.findById(id).orElseThrow(() -> new NotFoundException("user", id));
                log.read(service.findByEmail(user.getEmail()));
                user.setName(user.getName() + " (account)");
                UserDto saved = log.write(accounts.save(user));
                log.readExpecting(
                        "user " + saved.email(),
                        saved.name(),
                        service.findByEmail(saved.email()).name());
                log.readExpecting("user " + id, saved.name(), service.find(id).name());
            }
        };
    }
}
