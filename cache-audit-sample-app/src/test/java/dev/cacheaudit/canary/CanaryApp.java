package dev.cacheaudit.canary;

import java.io.Serializable;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;

/**
 * A small application for the privacy canary, in a package of its own so that the sample application's component
 * scan never finds it: caches keyed by logins, e-mail addresses, mixed identifiers and
 * composite keys, on Redis, with two key bugs (a prefixed login and a prefixed e-mail on eviction).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableCaching
class CanaryApp {

    @Bean
    CanaryService canaryService(CanaryAccountRepository repository) {
        return new CanaryService(repository);
    }

    /** What the caches hold; serialisable because the Redis cache stores values with JDK serialisation. */
    record AccountView(String id, String name, String email) implements Serializable {}

    static class CanaryService {

        private final CanaryAccountRepository repository;

        CanaryService(CanaryAccountRepository repository) {
            this.repository = repository;
        }

        @Cacheable(cacheNames = "canaryLogins", key = "#login")
        public AccountView byLogin(String login) {
            return new AccountView(login, "Name of " + login, login + "@localhost");
        }

        /** The bug: reads are keyed by the login, this eviction by a prefixed login. */
        @CacheEvict(cacheNames = "canaryLogins", key = "'user:' + #login")
        public void loginChanged(String login) {}

        @Cacheable(cacheNames = "canaryEmails", key = "#email")
        public AccountView byEmail(String email) {
            return new AccountView(email, "Owner of " + email, email);
        }

        @CacheEvict(cacheNames = "canaryEmails", key = "'mail:' + #email")
        public void emailChanged(String email) {}

        @Cacheable(cacheNames = "canaryAccounts", key = "#id")
        public AccountView account(String id) {
            CanaryAccount account = repository.findById(id).orElseThrow();
            return new AccountView(account.getId(), account.getName(), account.getEmail());
        }

        @Cacheable(cacheNames = "canaryPairs")
        public AccountView pair(String code, long n) {
            return new AccountView(code + n, "Pair " + code, code + "@localhost");
        }
    }
}
