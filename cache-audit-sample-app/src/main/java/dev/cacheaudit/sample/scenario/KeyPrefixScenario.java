package dev.cacheaudit.sample.scenario;

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
 * {@code key-prefix}: a back-office rename evicts {@code 'user:' + #id} from {@code users} while reads cache under
 * {@code #id}, so renamed users are served with their old name ({@code KEY_MISMATCH}); the fix evicts {@code #id}.
 */
@Configuration(proxyBeanMethods = false)
class KeyPrefixScenario {

    static final String ID = "key-prefix";

    @Bean
    UserNameChanges userNameChanges(SampleBugs bugs, UserRepository users) {
        return bugs.enabled(ID) ? new PrefixedKeyUserNameChanges(users) : new ReadKeyUserNameChanges(users);
    }

    /** Reads two users, renames each in the back office, then reads them again by id and by e-mail. */
    @Bean
    @Order(10)
    Traffic keyPrefixTraffic(UserService service, UserNameChanges changes, UserRepository users) {
        return log -> {
            for (long id : Rows.at(Rows.ids(users, User::getId), Rows.USERS_RENAMED)) {
                UserDto before = log.read(service.find(id));
                UserDto renamed = log.write(changes.changeName(id, before.name() + " (back office)"));
                log.readExpecting("user " + id, renamed.name(), service.find(id).name());
                log.readExpecting(
                        "user " + renamed.email(),
                        renamed.name(),
                        service.findByEmail(renamed.email()).name());
            }
        };
    }
}
