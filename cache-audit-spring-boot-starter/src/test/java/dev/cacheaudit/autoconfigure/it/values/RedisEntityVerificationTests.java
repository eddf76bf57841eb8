package dev.cacheaudit.autoconfigure.it.values;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.testsupport.RedisServer;
import dev.cacheaudit.testsupport.RequiresRedis;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The contract on Redis with Boot's default JDK serializer: every hit and every verification deserialises the value,
 * so entities come back as new instances with Hibernate's collections detached (the lazy one never initialised).
 */
@RequiresRedis
class RedisEntityVerificationTests extends EntityVerificationContract {

    private static final String PREFIX = "itest-values-" + UUID.randomUUID() + ":";

    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void run() throws InterruptedException {
        RedisServer.HostAndPort redis = RedisServer.require();
        context = start(
                "spring.cache.type=redis",
                "spring.cache.redis.key-prefix=" + PREFIX,
                "spring.data.redis.host=" + redis.host(),
                "spring.data.redis.port=" + redis.port());
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
            redis.delete(redis.keys(PREFIX + "*"));
            context.close();
        }
    }

    @Override
    CacheAudit audit() {
        return context.getBean(CacheAudit.class);
    }
}
