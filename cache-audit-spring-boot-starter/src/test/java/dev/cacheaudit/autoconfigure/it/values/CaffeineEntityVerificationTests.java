package dev.cacheaudit.autoconfigure.it.values;

import dev.cacheaudit.core.CacheAudit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.context.ConfigurableApplicationContext;

/** The contract on Caffeine: cached values are the very instances loaded, detached once their session closed. */
class CaffeineEntityVerificationTests extends EntityVerificationContract {

    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void run() throws InterruptedException {
        context = start("spring.cache.type=caffeine");
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Override
    CacheAudit audit() {
        return context.getBean(CacheAudit.class);
    }
}
