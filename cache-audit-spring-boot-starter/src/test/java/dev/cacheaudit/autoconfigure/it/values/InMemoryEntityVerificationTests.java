package dev.cacheaudit.autoconfigure.it.values;

import dev.cacheaudit.core.CacheAudit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.context.ConfigurableApplicationContext;

/** The contract on an in-memory cache ({@code ConcurrentMapCache}): cached values are the very instances loaded. */
class InMemoryEntityVerificationTests extends EntityVerificationContract {

    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void run() throws InterruptedException {
        context = start("spring.cache.type=simple");
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
