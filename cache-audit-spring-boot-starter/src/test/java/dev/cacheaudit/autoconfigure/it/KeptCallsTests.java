package dev.cacheaudit.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.support.Invocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.aopalliance.intercept.MethodInvocation;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The call of a cached method is kept with the note of the running method only when verification will make it again:
 * otherwise nothing holds on to it (or to its arguments), and no cached call pays for storing it.
 */
class KeptCallsTests {

    @Test
    void withVerificationOffTheCallIsNotKeptButTheMethodIsStillNamed() {
        try (ConfigurableApplicationContext context = TestApps.run(App.class, "spring.cache.type=simple")) {
            Prices prices = context.getBean(Prices.class);
            prices.price(7);

            assertThat(prices.seen()).singleElement().satisfies(seen -> {
                assertThat(seen.call()).isEmpty();
                assertThat(seen.site()).endsWith("Prices#price(long)");
            });
        }
    }

    @Test
    void withVerificationOnTheCallIsKeptToBeMadeAgain() {
        try (ConfigurableApplicationContext context =
                TestApps.run(App.class, "spring.cache.type=simple", "cache-audit.verification.enabled=true")) {
            Prices prices = context.getBean(Prices.class);
            prices.price(7);

            assertThat(prices.seen()).singleElement().satisfies(seen -> {
                assertThat(seen.call()).get().isInstanceOfSatisfying(MethodInvocation.class, call -> assertThat(
                                call.getArguments())
                        .containsExactly(7L));
                assertThat(seen.site()).endsWith("Prices#price(long)");
            });
        }
    }

    record Seen(Optional<Object> call, String site) {}

    static class Prices {

        private final List<Seen> seen = new ArrayList<>();

        // Read through a method: the field of the caching proxy itself is empty.
        public List<Seen> seen() {
            return seen;
        }

        @Cacheable("prices")
        public long price(long id) {
            Invocation running = Invocation.current();
            seen.add(new Seen(Optional.ofNullable(running.call()), running.site()));
            return id * 100;
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableCaching
    static class App {

        @Bean
        Prices prices() {
            return new Prices();
        }
    }
}
